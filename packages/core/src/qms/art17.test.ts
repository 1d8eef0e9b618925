// The Art. 17(1) elements point at requirements that exist in the shipped EU AI Act catalogue, and each element's
// letter lies in the range that requirement's reference names (e.g. (g) in `Art. 17(1)(f)–(i)`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../catalogs/catalog.js';
import { ART_17_ELEMENT_IDS } from '../schemas/qms.js';
import { ART_17_ELEMENTS, art17Element } from './art17.js';

const euAiAct = Catalog.parse(parse(readFileSync(fileURLToPath(new URL('../../../../catalogs/eu-ai-act/catalog.yaml', import.meta.url)), 'utf8')));

describe('Art. 17(1) elements', () => {
  it('are (a) to (m), in order, each with German and English titles', () => {
    expect(ART_17_ELEMENTS.map((e) => e.id)).toEqual([...ART_17_ELEMENT_IDS]);
    for (const e of ART_17_ELEMENTS) {
      expect(e.ref).toBe(`Art. 17(1)(${e.id})`);
      expect(e.title.de.length).toBeGreaterThan(5);
      expect(e.title.en.length).toBeGreaterThan(5);
    }
    expect(art17Element('g').title.en).toContain('Risk management');
  });

  it("name the shipped catalogue's requirement whose range holds their letter", () => {
    for (const e of ART_17_ELEMENTS) {
      const [catalogId, requirementId] = e.requirementKey.split(':');
      expect(catalogId).toBe('eu-ai-act');
      const requirement = euAiAct.requirements.find((r) => r.id === requirementId);
      expect(requirement, e.requirementKey).toBeDefined();
      const range = /^Art\. 17\(1\)\(([a-m])\)–\(([a-m])\)$/.exec(requirement!.ref);
      expect(range, requirement!.ref).not.toBeNull();
      expect(e.id >= range![1]! && e.id <= range![2]!, `${e.id} in ${requirement!.ref}`).toBe(true);
    }
  });
});

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Catalog, type CatalogInput } from '@konform/core';
import { describe, expect, it } from 'vitest';
import { loadYamlFile } from '../load-yaml.js';
import { uuidV5 } from './oscal-export.js';
import { catalogToOscal, parseOscalCatalog } from './oscal.js';
import { ImportFormatError } from './types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const oscalDir = path.resolve(repoRoot, 'packages/server/test/fixtures/oscal');
const readText = (file: string) => readFileSync(path.join(oscalDir, file), 'utf8');
const nistText = readText('content/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json');
const basicText = readText('content/basic-catalog.json');

const catalogsDir = path.join(repoRoot, 'catalogs');
const shipped = readdirSync(catalogsDir)
  .filter((dir) => existsSync(path.join(catalogsDir, dir, 'catalog.yaml')))
  .map((dir) => loadYamlFile(path.join(catalogsDir, dir, 'catalog.yaml'), Catalog));

// ajv-formats is CommonJS; under NodeNext its default import is typed as the module object.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;
const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
const validateOscal = ajv.compile(JSON.parse(readText('schema-1.2.2-generated/oscal_catalog_schema.json')));

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportFormatError) return error.issues;
    throw error;
  }
  throw new Error('expected an ImportFormatError');
}

const byId = (catalog: Catalog, id: string) => catalog.requirements.find((r) => r.id === id);
const roundTrip = (catalog: Catalog) => parseOscalCatalog(JSON.stringify(catalogToOscal(catalog)));

/** Controls and their enhancements in a raw OSCAL control list, withdrawn ones left out. */
function countControls(controls: any[] | undefined): number {
  const withdrawn = (c: any) => (c.props ?? []).some((p: any) => p.name === 'status' && p.value === 'withdrawn');
  return (controls ?? []).reduce((n: number, c: any) => n + (withdrawn(c) ? 0 : 1 + countControls(c.controls)), 0);
}

describe('parseOscalCatalog: NIST SP 800-53 rev5 LOW baseline (OSCAL 1.1.2)', () => {
  const raw = JSON.parse(nistText);
  const parsed = parseOscalCatalog(nistText);
  const { catalog } = parsed.bundle;

  it('reads the catalogue header', () => {
    expect(parsed.format).toBe('oscal-json');
    expect(parsed.bundle.mappings).toEqual([]);
    expect(catalog).toMatchObject({
      id: 'nist-special-publication-800-53-revision-5-1-1-low-impact-baseline',
      version: '5.1.1+u4',
      kind: 'framework',
      title: { en: 'NIST Special Publication 800-53 Revision 5.1.1 LOW IMPACT BASELINE', de: 'NIST Special Publication 800-53 Revision 5.1.1 LOW IMPACT BASELINE' },
      publisher: 'Joint Task Force, Transformation Initiative',
      source: 'OSCAL catalog 0470d39a-3e02-4bff-82cf-676d522c1554',
      acts: [],
    });
    expect(catalog.licence).toContain('As stated by the publisher (Joint Task Force, Transformation Initiative)');
    expect(parsed.warnings).toEqual([]);
  });

  it('turns the 18 families into groups and every control and enhancement into a requirement', () => {
    const groups = catalog.requirements.filter((r) => r.kind === 'group');
    expect(groups.map((g) => g.id)).toEqual(raw.catalog.groups.map((g: any) => g.id));
    expect(groups).toHaveLength(18);
    expect(byId(catalog, 'ac')).toMatchObject({ ref: 'AC', title: { en: 'Access Control' }, kind: 'group' });
    const requirements = catalog.requirements.filter((r) => r.kind === 'requirement');
    expect(requirements).toHaveLength(149);
    expect(requirements).toHaveLength(raw.catalog.groups.reduce((n: number, g: any) => n + countControls(g.controls), 0));
    expect(catalog.requirements.every((r) => r.evidence.length === 0 && r.roles.length === 0)).toBe(true);
  });

  it('reads a control with its printed label, title and statement, parameters substituted', () => {
    const ac1 = byId(catalog, 'ac-1')!;
    expect(ac1).toMatchObject({ ref: 'AC-1', parent: 'ac', kind: 'requirement', title: { en: 'Policy and Procedures', de: 'Policy and Procedures' } });
    const lines = ac1.description!.en.split('\n');
    expect(lines[0]).toBe('a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:');
    expect(lines[1]).toBe('1. [Selection (one or more): organization-level; mission/business process-level; system-level] access control policy that:');
    expect(lines[2]).toMatch(/^\(a\) Addresses purpose, scope, roles/);
    expect(ac1.description!.en).toContain('b. Designate an [Assignment: official] to manage the development');
    expect(ac1.description!.de).toBe(ac1.description!.en);
    expect(catalog.requirements.some((r) => r.description?.en.includes('{{'))).toBe(false);
  });

  it('nests enhancements under their control', () => {
    expect(byId(catalog, 'ia-2.1')).toMatchObject({
      ref: 'IA-2(1)',
      parent: 'ia-2',
      kind: 'requirement',
      title: { en: 'Multi-factor Authentication to Privileged Accounts' },
      description: { en: 'Implement multi-factor authentication for access to privileged accounts.' },
    });
    expect(catalog.requirements.filter((r) => r.parent === 'ia-2').map((r) => r.id)).toEqual(['ia-2.1', 'ia-2.2', 'ia-2.8', 'ia-2.12']);
    // document order: a control is followed by its enhancements
    const ids = catalog.requirements.map((r) => r.id);
    expect(ids.indexOf('ia-2.1')).toBe(ids.indexOf('ia-2') + 1);
  });

  it('takes the catalogue id from the options', () => {
    expect(parseOscalCatalog(nistText, { catalogId: 'nist-800-53-low' }).bundle.catalog.id).toBe('nist-800-53-low');
  });
});

describe('parseOscalCatalog: NIST example catalog (basic-catalog.json)', () => {
  const { catalog, warnings } = (() => {
    const parsed = parseOscalCatalog(basicText);
    return { catalog: parsed.bundle.catalog, warnings: parsed.warnings };
  })();

  it('reads nested groups and their controls', () => {
    expect(catalog.id).toBe('sample-security-catalog-for-demonstration-and-testing');
    expect(catalog.version).toBe('1.1');
    expect(catalog.publisher).toBe('Sample Security Catalog *for Demonstration* and Testing');
    expect(byId(catalog, 's1')).toMatchObject({ kind: 'group', ref: '1', title: { en: 'Organization of Information Security' } });
    expect(byId(catalog, 's1.1')).toMatchObject({ kind: 'group', ref: 'S1.1', parent: 's1' });
    expect(byId(catalog, 's1.1.1')).toMatchObject({ kind: 'requirement', ref: '1.1.1', parent: 's1.1' });
    expect(warnings).toEqual([]);
  });

  it('substitutes a selection whose choice inserts another parameter', () => {
    const description = byId(catalog, 's1.1.1')!.description!.en;
    expect(description).toContain(
      'A value has been assigned to [Selection (one or more): initiating a device lock after [Assignment: a duration] of inactivity; requiring the user to initiate a device lock before leaving the system unattended].',
    );
    expect(description.startsWith('All information security responsibilities should be defined and allocated.\n\n')).toBe(true);
  });
});

describe('catalogToOscal', () => {
  it.each(shipped.map((c) => [c.id, c] as const))('writes %s as a valid OSCAL 1.2.2 catalog', (_id, catalog) => {
    const doc = catalogToOscal(catalog);
    const valid = validateOscal(doc);
    expect(valid, JSON.stringify(validateOscal.errors?.slice(0, 10), null, 2)).toBe(true);
    const metadata = doc.catalog.metadata as Record<string, unknown>;
    expect(metadata).toMatchObject({ title: catalog.title.en, version: catalog.version, 'oscal-version': '1.2.2' });
    expect(doc.catalog.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JSON.stringify(doc)).not.toContain('[]');
  });

  it('uses a validator that refuses what OSCAL refuses', () => {
    const doc = catalogToOscal(shipped[0]!).catalog;
    expect(validateOscal({ catalog: { ...doc, controls: [] } })).toBe(false);
    expect(validateOscal({ catalog: { ...doc, extra: true } })).toBe(false);
    expect(validateOscal({ catalog: { ...doc, groups: [{ id: '1-digit', title: 'x' }] } })).toBe(false);
  });

  it('writes position props only where the tree alone would not restore the order', () => {
    const positions = (id: string) => (JSON.stringify(catalogToOscal(shipped.find((c) => c.id === id)!)).match(/"name":"position"/g) ?? []).length;
    expect(positions('eu-ai-act')).toBe(0);
    // ISO 42001 mixes sub-groups and requirements under one clause, which OSCAL keeps in separate lists.
    expect(positions('iso-42001')).toBe(shipped.find((c) => c.id === 'iso-42001')!.requirements.length);
  });

  it('covers the four shipped catalogues', () => {
    expect(shipped.map((c) => c.id).sort()).toEqual(['bsi-aic4', 'eu-ai-act', 'iso-42001', 'nist-ai-rmf']);
  });

  it('maps groups, requirements, ref and statement to OSCAL', () => {
    const euAiAct = shipped.find((c) => c.id === 'eu-ai-act')!;
    const doc = catalogToOscal(euAiAct).catalog as any;
    const chapter = doc.groups[0];
    expect(chapter).toMatchObject({ id: 'ch-1', title: 'General provisions', props: expect.arrayContaining([{ name: 'label', value: 'Chapter I' }]) });
    const art4 = chapter.controls.find((c: any) => c.id === 'art-4');
    expect(art4.parts[0]).toEqual({ name: 'statement', prose: byId(euAiAct, 'art-4')!.description!.en });
    expect(art4.props).toEqual(
      expect.arrayContaining([
        { name: 'label', value: 'Art. 4' },
        { name: 'applies-when', ns: 'https://konform.dev/ns/oscal', value: JSON.stringify(byId(euAiAct, 'art-4')!.appliesWhen) },
        { name: 'role', ns: 'https://konform.dev/ns/oscal', value: 'provider' },
      ]),
    );
    expect(doc.metadata.parties[0].name).toBe(euAiAct.publisher);
    expect(doc.metadata['responsible-parties']).toEqual([{ 'role-id': 'publisher', 'party-uuids': [doc.metadata.parties[0].uuid] }]);
  });

  it('always writes the same document for the same catalogue', () => {
    const [first] = shipped;
    expect(JSON.stringify(catalogToOscal(first!))).toBe(JSON.stringify(catalogToOscal(structuredClone(first!))));
    expect(catalogToOscal({ ...first!, version: `${first!.version}-next` }).catalog.uuid).not.toBe(catalogToOscal(first!).catalog.uuid);
  });

  it('computes RFC 4122 version 5 UUIDs', () => {
    // The RFC's DNS namespace example, as every uuid library computes it.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('refuses a catalogue whose parents form a cycle', () => {
    const base = shipped.find((c) => c.id === 'nist-ai-rmf')!;
    const cyclic = { ...base, requirements: [...base.requirements, { ...base.requirements[1]!, id: 'x', parent: 'y' }, { ...base.requirements[1]!, id: 'y', parent: 'x' }] };
    expect(() => catalogToOscal(cyclic)).toThrow(/cycle/);
  });
});

/** A catalogue with what OSCAL cannot hold directly: digit ids, multi-line texts, groups under requirements, mixed order. */
const edgeInput: CatalogInput = {
  id: '1-edge',
  version: ' 2026 \n draft ',
  kind: 'internal',
  title: { de: 'Rand\nfälle', en: 'Edge\tcases' },
  publisher: 'Konform\n  Team',
  source: 'Line one\nline two',
  licence: 'CC BY 4.0',
  acts: [{ id: 'act-1', title: { de: 'Gesetz', en: 'Act' }, status: 'proposal', certainty: 'U' }],
  requirements: [
    { id: 'top', ref: 'T', title: { de: 'Oben', en: 'Top' } },
    { id: '2-group', ref: 'G\n2', kind: 'group', title: { de: 'Gruppe', en: 'Group' } },
    { id: 'req-a', ref: 'A', parent: '2-group', title: { de: 'A', en: 'A' }, description: { de: 'Zeile 1\n\n  Zeile 2', en: 'Line *1*\n\nLine 2  \nbreak' } },
    { id: 'sub-group', ref: 'SG', parent: '2-group', kind: 'group', title: { de: 'Untergruppe', en: 'Subgroup' } },
    { id: 'group-under-req', ref: 'GR', parent: 'req-a', kind: 'group', title: { de: 'Gruppe unter Anforderung', en: 'Group under requirement' } },
    { id: '3', ref: '3', parent: 'group-under-req', roles: ['deployer', 'provider'], timelineGroup: 'gpai', appliesFrom: '2027-01-01', title: { de: 'Drei', en: 'Three' } },
    {
      id: 'req-b',
      ref: 'B',
      parent: 'sub-group',
      title: { de: 'B', en: 'B' },
      appliesWhen: { all: [{ path: 'result.riskClass', equals: 'high' }, { not: { path: 'facts.deployer.publicAuthority', equals: true } }] },
      evidence: [
        { de: 'Nachweis\neins', en: 'Evidence one' },
        { de: 'Nachweis zwei', en: 'Evidence\ntwo' },
      ],
    },
  ],
};
const edge = Catalog.parse(edgeInput);

describe('round trip', () => {
  it.each(shipped.map((c) => [c.id, c] as const))('restores %s exactly', (_id, catalog) => {
    const parsed = roundTrip(catalog);
    expect(parsed.bundle.catalog).toEqual(catalog);
    expect(parsed.bundle.catalog.requirements.map((r) => r.id)).toEqual(catalog.requirements.map((r) => r.id));
    expect(parsed.warnings).toEqual([]);
  });

  it.each(shipped.map((c) => [c.id, c] as const))('export, import, export of %s gives the identical document', (_id, catalog) => {
    const first = JSON.stringify(catalogToOscal(catalog));
    expect(JSON.stringify(catalogToOscal(parseOscalCatalog(first).bundle.catalog))).toBe(first);
  });

  it('restores texts OSCAL holds only on one line, digit ids and groups under requirements', () => {
    const doc = catalogToOscal(edge);
    expect(validateOscal(doc), JSON.stringify(validateOscal.errors?.slice(0, 10), null, 2)).toBe(true);
    const json = doc.catalog as any;
    expect(json.metadata.version).toBe('2026 draft');
    expect(json.controls.map((c: any) => c.id)).toEqual(['top']);
    const group = json.groups[0];
    expect(group.id).toBe('_2-group');
    expect(group.props).toContainEqual({ name: 'id', ns: 'https://konform.dev/ns/oscal', value: '2-group' });
    expect(group.controls[0].controls[0]).toMatchObject({ id: 'group-under-req', props: expect.arrayContaining([{ name: 'kind', ns: 'https://konform.dev/ns/oscal', value: 'group' }]) });
    const parsed = parseOscalCatalog(JSON.stringify(doc));
    expect(parsed.bundle.catalog).toEqual(edge);
    expect(parsed.warnings).toEqual([]);
  });

  it('overrides the catalogue id of a Konform document when asked', () => {
    expect(parseOscalCatalog(JSON.stringify(catalogToOscal(edge)), { catalogId: 'copy' }).bundle.catalog).toEqual({ ...edge, id: 'copy' });
  });
});

describe('parseOscalCatalog: foreign documents Konform adapts', () => {
  const basic = () => JSON.parse(basicText);

  it('skips withdrawn controls with a warning', () => {
    const doc = basic();
    const control = doc.catalog.groups[0].groups[0].controls[0];
    control.props.push({ name: 'status', value: 'withdrawn' });
    const parsed = parseOscalCatalog(JSON.stringify(doc));
    expect(byId(parsed.bundle.catalog, 's1.1.1')).toBeUndefined();
    expect(parsed.warnings).toContain('s1.1.1 at catalog.groups[0].groups[0].controls[0] is withdrawn and was skipped.');
  });

  it('sanitises ids outside Konform’s pattern and gives groups without id one, with warnings', () => {
    const doc = basic();
    doc.catalog.groups[0].groups[0].controls[0].id = 'ü_1.1';
    delete doc.catalog.groups[0].groups[0].id;
    const parsed = parseOscalCatalog(JSON.stringify(doc));
    expect(byId(parsed.bundle.catalog, 'internal-organization')).toMatchObject({ kind: 'group', parent: 's1', ref: 'Internal Organization' });
    expect(byId(parsed.bundle.catalog, 'u_1.1')).toMatchObject({ parent: 'internal-organization', ref: '1.1.1' });
    expect(parsed.warnings).toEqual([
      'The group at catalog.groups[0].groups[0] has no id; it was imported as internal-organization.',
      'The id ü_1.1 at catalog.groups[0].groups[0].controls[0] is not a valid Konform id or occurs twice; it was imported as u_1.1.',
    ]);
  });

  it('names an inserted parameter that is not defined', () => {
    const doc = basic();
    doc.catalog.groups[0].groups[0].controls[0].params = undefined;
    const parsed = parseOscalCatalog(JSON.stringify(doc));
    expect(byId(parsed.bundle.catalog, 's1.1.1')!.description!.en).toContain('A value has been assigned to [Assignment: s1.1.1-prm1].');
    expect(parsed.warnings).toContain('The parameter s1.1.1-prm1 is inserted but not defined; it reads [Assignment: s1.1.1-prm1].');
  });

  it('reads a licence link and a publisher party', () => {
    const doc = basic();
    doc.catalog.metadata.links = [{ href: 'https://creativecommons.org/licenses/by/4.0/', rel: 'license', text: 'CC BY 4.0' }];
    doc.catalog.metadata.parties = [{ uuid: 'a3d2c6f0-2a8e-4d89-9a0e-1b2c3d4e5f60', type: 'organization', name: 'Example Org' }];
    doc.catalog.metadata['responsible-parties'] = [{ 'role-id': 'publisher', 'party-uuids': ['a3d2c6f0-2a8e-4d89-9a0e-1b2c3d4e5f60'] }];
    const { catalog } = parseOscalCatalog(JSON.stringify(doc)).bundle;
    expect(catalog.licence).toBe('CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)');
    expect(catalog.publisher).toBe('Example Org');
  });
});

describe('parseOscalCatalog: errors', () => {
  it('names line and column of invalid JSON', () => {
    expect(issuesOf(() => parseOscalCatalog('{\n  "catalog": {\n    "uuid": nope\n  }\n}'))).toEqual([{ path: 'line 3, column 14', message: "Not valid JSON: Unexpected token 'o'" }]);
    expect(issuesOf(() => parseOscalCatalog('{"catalog": {}}\n}'))).toEqual([{ path: 'line 2, column 1', message: 'Not valid JSON: Unexpected non-whitespace character after JSON' }]);
    expect(issuesOf(() => parseOscalCatalog('{\n  "a": [1,\n'))[0]!.path).toBe('line 3, column 1');
  });

  it('names the path of a control without title', () => {
    const doc = JSON.parse(nistText);
    delete doc.catalog.groups[0].controls[0].title;
    expect(issuesOf(() => parseOscalCatalog(JSON.stringify(doc)))).toEqual([{ path: 'catalog.groups[0].controls[0].title', message: 'Missing; expected string' }]);
  });

  it('reports every shape problem at once', () => {
    const doc = JSON.parse(basicText);
    doc.catalog.groups[0].title = '  ';
    delete doc.catalog.groups[0].groups[0].controls[0].id;
    delete doc.catalog.metadata.version;
    expect(issuesOf(() => parseOscalCatalog(JSON.stringify(doc))).map((i) => i.path)).toEqual([
      'catalog.metadata.version',
      'catalog.groups[0].title',
      'catalog.groups[0].groups[0].controls[0].id',
    ]);
  });

  it('refuses a profile and other OSCAL models', () => {
    const [issue] = issuesOf(() => parseOscalCatalog(readText('content/NIST_SP-800-53_rev5_LOW-baseline_profile.json')));
    expect(issue).toMatchObject({ path: 'profile', message: expect.stringMatching(/profile, not a catalog.*resolve/i) });
    expect(issuesOf(() => parseOscalCatalog(readText('content/ssp-example.json')))[0]!.message).toMatch(/system security plan, not a catalog/);
    expect(issuesOf(() => parseOscalCatalog('[1, 2]'))).toEqual([{ path: '(root)', message: 'An OSCAL document is a JSON object' }]);
  });

  it('refuses OSCAL versions other than 1.1 and 1.2', () => {
    const doc = JSON.parse(basicText);
    doc.catalog.metadata['oscal-version'] = '1.0.6';
    expect(issuesOf(() => parseOscalCatalog(JSON.stringify(doc)))).toEqual([
      { path: 'catalog.metadata.oscal-version', message: 'OSCAL version 1.0.6 is not supported; Konform reads catalogs of OSCAL 1.1.x and 1.2.x' },
    ]);
  });

  it('reports problems of the converted catalogue with the OSCAL place they came from', () => {
    const doc = catalogToOscal(edge).catalog as any;
    doc.controls[0].props.push({ name: 'role', ns: 'https://konform.dev/ns/oscal', value: 'wizard' });
    doc.controls[0].props.push({ name: 'applies-when', ns: 'https://konform.dev/ns/oscal', value: '{broken' });
    const issues = issuesOf(() => parseOscalCatalog(JSON.stringify({ catalog: doc })));
    expect(issues[0]).toMatchObject({ path: `catalog.controls[0].props[${doc.controls[0].props.length - 1}].value`, message: expect.stringMatching(/^applies-when is not valid JSON/) });
    expect(issues[1]).toMatchObject({ path: 'catalog (converted).requirements[0].roles[0]', message: expect.stringMatching(/\(from catalog\.controls\[0\]\)$/) });
    expect(issues).toHaveLength(2);
  });
});

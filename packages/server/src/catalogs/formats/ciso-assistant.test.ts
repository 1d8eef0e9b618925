import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { catalogIdOfFrameworkUrn, parseCisoAssistantLibrary, requirementIdOfUrn, sanitiseId } from './ciso-assistant.js';
import { ImportFormatError } from './types.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../test/fixtures/ciso-assistant/${name}`, import.meta.url)), 'utf8');
const FRAMEWORK = fixture('trusted-ai-ops.yaml');
const TARGET = fixture('secure-ml-baseline.yaml');
const MAPPING = fixture('mapping-trusted-ai-ops-to-secure-ml-baseline.yaml');

/** The issues of the ImportFormatError thrown by `run`. */
function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFormatError);
    return (error as ImportFormatError).issues;
  }
  throw new Error('expected an ImportFormatError');
}

/** The framework library carrying the mapping library's sets, as a library may bundle both. */
function frameworkWithMappings(edit: (doc: any) => void = () => {}) {
  const doc = parse(FRAMEWORK);
  doc.objects.requirement_mapping_sets = parse(MAPPING).objects.requirement_mapping_sets;
  edit(doc);
  return stringify(doc);
}

/** Keys of the second framework, as if it had been imported before. */
function knownTargetKeys() {
  const target = parseCisoAssistantLibrary(TARGET).bundle.catalog;
  const keys = new Set(target.requirements.map((r) => `${target.id}:${r.id}`));
  return (key: string) => keys.has(key);
}

describe('CISO Assistant library import', () => {
  it('derives ids from urns the same way for frameworks and mapping files', () => {
    expect(catalogIdOfFrameworkUrn('urn:intuitem:risk:framework:ccb-cff-2023-03-01')).toBe('ccb-cff-2023-03-01');
    expect(requirementIdOfUrn('urn:intuitem:risk:req_node:ccb-cff-2023-03-01:basic_id.am-1.1')).toBe('basic_id.am-1.1');
    expect(requirementIdOfUrn('URN:Intuitem:risk:req_node:fw:A.5:1')).toBe('a.5-1');
    expect(sanitiseId(' --Ä b/c ')).toBe('b-c');
  });

  it('imports a framework: hierarchy, kinds, translations, evidence, metadata', () => {
    const { format, bundle, warnings } = parseCisoAssistantLibrary(FRAMEWORK);
    const { catalog } = bundle;
    expect(format).toBe('ciso-assistant-yaml');
    expect(catalog).toMatchObject({
      id: 'trusted-ai-ops',
      version: '3',
      kind: 'framework',
      title: { de: 'Basisrahmen für vertrauenswürdigen KI-Betrieb', en: 'Trusted AI Operations Baseline' },
      publisher: 'Konform Test Provider',
      licence: '© 2026 Konform test fixtures, CC0',
      source: 'urn:konform-test:risk:library:trusted-ai-ops',
      acts: [],
    });
    expect(catalog.requirements.map((r) => [r.id, r.parent, r.kind])).toEqual([
      ['gov', undefined, 'group'],
      ['gov.1', 'gov', 'group'],
      ['gov.1.1', 'gov.1', 'requirement'],
      ['gov.1.2', 'gov.1', 'requirement'],
      ['ops', undefined, 'group'],
      ['ops.1', 'ops', 'group'],
      ['ops.1.1', 'ops.1', 'requirement'],
      ['ops.1.2', 'ops.1', 'requirement'],
    ]);
    const register = catalog.requirements.find((r) => r.id === 'gov.1.1')!;
    expect(register).toMatchObject({
      ref: 'GOV.1.1',
      title: { de: 'Register der KI-Systeme', en: 'Register of AI systems' },
      description: { de: 'Jedes eingesetzte KI-System ist mit einer verantwortlichen Person erfasst.', en: 'Every AI system in use is recorded with an accountable owner.' },
      evidence: [
        { de: 'Aktuelles KI-Systemregister', en: 'Current AI system register' },
        { de: 'Freigabe des Registers durch die Leitung', en: 'Sign-off of the register by management' },
      ],
    });
    // Without a translation the English text stands for both; without a name the description's first sentence is the title.
    expect(catalog.requirements.find((r) => r.id === 'ops.1')!.title).toEqual({ de: 'Traceability', en: 'Traceability' });
    expect(catalog.requirements.find((r) => r.id === 'gov.1.2')!.title.en).toBe('Owners review the register at least twice a year.');
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^1 threat/), expect.stringMatching(/RC-UNUSED/), expect.stringMatching(/^1 reference-control link/)]));
  });

  it('uses the library locale: a German library gets English from its translations', () => {
    const { catalog } = parseCisoAssistantLibrary(TARGET).bundle;
    expect(catalog.title).toEqual({ de: 'Sicherer ML-Grundschutz', en: 'Secure ML baseline' });
    expect(catalog.requirements.find((r) => r.id === 'inv-1')!.title).toEqual({ de: 'Modellverzeichnis', en: 'Model register' });
    const physical = catalog.requirements.find((r) => r.id === 'phy-1')!;
    expect([physical.kind, physical.parent]).toEqual(['requirement', undefined]);
  });

  it('turns referenced reference controls into measures linked to their requirements', () => {
    const { measures } = parseCisoAssistantLibrary(FRAMEWORK, { catalogId: 'taio' }).bundle;
    expect(measures?.id).toBe('taio-controls');
    expect(measures?.version).toBe('3');
    expect(measures?.measures.map((m) => [m.id, m.type, m.requirements])).toEqual([
      ['taio.rc-inventory', 'organisational', ['taio:gov.1.1', 'taio:gov.1.2']],
      ['taio.rc-logging', 'technical', ['taio:ops.1.1', 'taio:ops.1.2']],
      ['taio.rc-server-room', 'technical', ['taio:ops.1.2']],
    ]);
    const inventory = measures!.measures[0]!;
    expect(inventory.title).toEqual({ de: 'KI-Systemregister führen', en: 'Keep an AI system register' });
    expect(inventory.evidence).toEqual([{ de: 'Nachweis, dass die Maßnahme „KI-Systemregister führen“ umgesetzt ist', en: 'Record showing that the control "Keep an AI system register" is in place' }]);
    // A control without a description is described by its name.
    expect(measures!.measures[2]!.description.en).toBe('Locked model hosting room');
  });

  it('imports a mapping set with every relation and skips not_related', () => {
    const { bundle, warnings } = parseCisoAssistantLibrary(frameworkWithMappings(), { knownRequirement: knownTargetKeys() });
    expect(bundle.mappings).toHaveLength(1);
    const [set] = bundle.mappings;
    expect(set).toMatchObject({ id: 'trusted-ai-ops-to-secure-ml-baseline', version: '3', title: { en: 'Trusted AI Operations Baseline -> Secure ML baseline' } });
    expect(set!.mappings.map((m) => [m.from, m.relation, m.to])).toEqual([
      ['trusted-ai-ops:gov.1.1', 'equal', 'secure-ml-baseline:inv-1'],
      ['trusted-ai-ops:gov.1.2', 'subset', 'secure-ml-baseline:inv-2'],
      ['trusted-ai-ops:ops.1.1', 'superset', 'secure-ml-baseline:log-1'],
      ['trusted-ai-ops:ops.1.2', 'intersects', 'secure-ml-baseline:phy-1'],
    ]);
    expect(set!.mappings.map((m) => m.rationale.en)).toEqual([
      'Comparison of the meaning (semantic) (strength 9)',
      'Comparison of the wording (syntactic)',
      'Logging every call covers tamper evidence and more.',
      'Relationship as stated in the CISO Assistant library',
    ]);
    expect(set!.mappings[0]!.rationale.de).toBe('Abgleich der Bedeutung (semantisch) (Stärke 9)');
    expect(warnings).toContainEqual(expect.stringMatching(/^1 mapping\(s\) with relationship not_related were skipped/));
  });

  it('names the path of a mapping whose requirement is unknown', () => {
    const text = frameworkWithMappings((doc) => {
      doc.objects.requirement_mapping_sets[0].requirement_mappings[3].target_requirement_urn = 'urn:konform-test:risk:req_node:secure-ml-baseline:phy-9';
      doc.objects.requirement_mapping_sets[0].requirement_mappings[0].source_requirement_urn = 'urn:konform-test:risk:req_node:trusted-ai-ops:gov.9';
    });
    const issues = issuesOf(() => parseCisoAssistantLibrary(text, { knownRequirement: knownTargetKeys() }));
    expect(issues).toEqual([
      { path: 'objects.requirement_mapping_sets[0].requirement_mappings[0].source_requirement_urn', message: expect.stringContaining('no requirement node of this framework') },
      { path: 'objects.requirement_mapping_sets[0].requirement_mappings[3].target_requirement_urn', message: expect.stringContaining('secure-ml-baseline:phy-9') },
    ]);
    // Without the lookup, no requirement of the other framework is known.
    expect(issuesOf(() => parseCisoAssistantLibrary(frameworkWithMappings()))).toHaveLength(4);
  });

  it('attaches a mapping-only library to the active version of its source catalogue', () => {
    // Without the source catalogue there is nothing to attach to.
    expect(issuesOf(() => parseCisoAssistantLibrary(MAPPING))).toEqual([
      { path: 'objects.requirement_mapping_sets[0].source_framework_urn', message: expect.stringContaining('import its framework first') },
    ]);
    const source = parseCisoAssistantLibrary(FRAMEWORK).bundle;
    const target = parseCisoAssistantLibrary(TARGET).bundle.catalog;
    const keys = new Set([source.catalog, target].flatMap((c) => c.requirements.map((r) => `${c.id}:${r.id}`)));
    const parsed = parseCisoAssistantLibrary(MAPPING, { knownRequirement: (k) => keys.has(k), activeBundle: (id) => (id === source.catalog.id ? source : undefined) });
    expect(parsed.bundle.catalog).toEqual({ ...source.catalog, version: `${source.catalog.version}+trusted-ai-ops-to-secure-ml-baseline.2` });
    expect(parsed.bundle.measures).toEqual(source.measures);
    expect(parsed.bundle.mappings.map((m) => [m.id, m.mappings.map((x) => x.relation)])).toEqual([['trusted-ai-ops-to-secure-ml-baseline', ['equal', 'subset', 'superset', 'intersects']]]);
    expect(parsed.warnings[0]).toContain(`attached to catalogue ${source.catalog.id}`);
    // An unknown requirement of the target is named by its place.
    const unknownTarget = parseCisoAssistantLibrary.bind(null, MAPPING, { knownRequirement: (k) => keys.has(k) && !k.endsWith(':inv-1'), activeBundle: () => source });
    expect(issuesOf(unknownTarget)).toEqual([{ path: 'objects.requirement_mapping_sets[0].requirement_mappings[0].target_requirement_urn', message: expect.any(String) }]);
  });

  it('names the line of a YAML syntax error', () => {
    const broken = FRAMEWORK.replace('    ref_id: TAIO\n', '    ref_id: TAIO\n   name: [unclosed\n');
    const issues = issuesOf(() => parseCisoAssistantLibrary(broken));
    const line = FRAMEWORK.split('\n').findIndex((l) => l === '    ref_id: TAIO') + 2;
    expect(issues[0]!.path).toBe(`line ${line}`);
  });

  it('reports structural problems and invalid results with their place in the file', () => {
    const text = stringify(
      (() => {
        const doc = parse(FRAMEWORK);
        const nodes = doc.objects.framework.requirement_nodes;
        nodes[2].parent_urn = 'urn:konform-test:risk:req_node:trusted-ai-ops:nowhere';
        nodes[3].urn = 'urn:konform-test:risk:req_node:trusted-ai-ops:GOV.1.1';
        delete doc.copyright;
        nodes[5].assessable = 'sometimes';
        return doc;
      })(),
    );
    expect(issuesOf(() => parseCisoAssistantLibrary(text))).toEqual([{ path: 'objects.framework.requirement_nodes[5].assessable', message: expect.any(String) }]);
    const fixed = text.replace('assessable: sometimes', 'assessable: false');
    expect(issuesOf(() => parseCisoAssistantLibrary(fixed)).map((i) => i.path)).toEqual([
      'objects.framework.requirement_nodes[3].urn',
      'copyright',
      'objects.framework.requirement_nodes[2].parent_urn',
    ]);
    expect(issuesOf(() => parseCisoAssistantLibrary(FRAMEWORK, { catalogId: 'bad id' }))).toEqual([{ path: 'catalogId', message: expect.stringContaining('not a valid catalogue id') }]);
  });
});

import { Checker, isObject, joinPath, type InterchangeProblem } from './problems.js';

// CycloneDX (ECMA-424) bills of materials for AI systems: the export writes spec 1.6, the import reads 1.5 to 1.7
// (modelCard exists since 1.5). The parts Konform uses are checked structurally here, after the CycloneDX JSON
// schema's rules for them (required name and type, enumerations, string lists); no schema file is bundled.

export const CYCLONEDX_EXPORT_VERSION = '1.6';
export const CYCLONEDX_IMPORT_VERSIONS = ['1.5', '1.6', '1.7'] as const;

const COMPONENT_TYPES = ['application', 'framework', 'library', 'container', 'platform', 'operating-system', 'device', 'device-driver', 'firmware', 'file', 'machine-learning-model', 'data', 'cryptographic-asset'] as const;
const DATA_TYPES = ['source-code', 'configuration', 'dataset', 'definition', 'other'] as const;
const APPROACHES = ['supervised', 'unsupervised', 'reinforcement-learning', 'semi-supervised', 'self-supervised'] as const;
const HASH_ALGS = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA3-256', 'SHA3-384', 'SHA3-512', 'BLAKE2b-256', 'BLAKE2b-384', 'BLAKE2b-512', 'BLAKE3', 'Streebog-256', 'Streebog-512'] as const;
const SERIAL = /^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const BOM_KEYS = ['$schema', 'bomFormat', 'specVersion', 'serialNumber', 'version', 'metadata', 'components', 'dependencies'];
const COMPONENT_KEYS = ['bom-ref', 'type', 'name', 'version', 'group', 'publisher', 'description', 'licenses', 'hashes', 'externalReferences', 'properties', 'modelCard', 'data', 'components'];
const MODEL_CARD_KEYS = ['bom-ref', 'modelParameters', 'quantitativeAnalysis', 'considerations', 'properties'];
const PARAMETER_KEYS = ['approach', 'task', 'architectureFamily', 'modelArchitecture', 'datasets', 'inputs', 'outputs'];
const METRIC_KEYS = ['type', 'value', 'slice', 'confidenceInterval'];
const CONSIDERATION_KEYS = ['users', 'useCases', 'technicalLimitations', 'performanceTradeoffs', 'ethicalConsiderations', 'fairnessAssessments', 'environmentalConsiderations'];
const DATA_KEYS = ['bom-ref', 'type', 'name', 'contents', 'classification', 'sensitiveData', 'description', 'governance'];

function checkComponentData(c: Checker, d: Record<string, unknown>, path: string): void {
  c.oneOf(d.type, joinPath(path, 'type'), DATA_TYPES, true);
  for (const key of ['bom-ref', 'name', 'classification', 'description']) c.string(d[key], joinPath(path, key));
  c.strings(d.sensitiveData, joinPath(path, 'sensitiveData'));
  if (d.contents !== undefined && c.object(d.contents, joinPath(path, 'contents'))) c.string(d.contents.url, joinPath(path, 'contents.url'));
}

function checkModelCard(c: Checker, card: Record<string, unknown>, path: string): void {
  const p = (key: string) => joinPath(path, key);
  if (card.modelParameters !== undefined && c.object(card.modelParameters, p('modelParameters'), PARAMETER_KEYS)) {
    const mp = card.modelParameters;
    const at = (key: string) => joinPath(p('modelParameters'), key);
    if (mp.approach !== undefined && c.object(mp.approach, at('approach'), ['type'])) c.oneOf(mp.approach.type, at('approach.type'), APPROACHES);
    for (const key of ['task', 'architectureFamily', 'modelArchitecture']) c.string(mp[key], at(key));
    // A dataset is described inline (componentData) or refers to a data component by its bom-ref.
    c.list(mp.datasets, at('datasets'), (d, dp) => (d.ref !== undefined ? c.string(d.ref, joinPath(dp, 'ref'), true) : checkComponentData(c, d, dp)));
    for (const key of ['inputs', 'outputs']) c.list(mp[key], at(key), (io, ip) => c.string(io.format, joinPath(ip, 'format')), ['format']);
  }
  if (card.quantitativeAnalysis !== undefined && c.object(card.quantitativeAnalysis, p('quantitativeAnalysis'), ['performanceMetrics', 'graphics'])) {
    c.list(card.quantitativeAnalysis.performanceMetrics, joinPath(p('quantitativeAnalysis'), 'performanceMetrics'), (m, mp) => {
      for (const key of ['type', 'value', 'slice']) c.string(m[key], joinPath(mp, key));
      if (m.confidenceInterval !== undefined && c.object(m.confidenceInterval, joinPath(mp, 'confidenceInterval'), ['lowerBound', 'upperBound'])) {
        for (const key of ['lowerBound', 'upperBound']) c.string(m.confidenceInterval[key], joinPath(mp, `confidenceInterval.${key}`));
      }
    }, METRIC_KEYS);
  }
  if (card.considerations !== undefined && c.object(card.considerations, p('considerations'), CONSIDERATION_KEYS)) {
    const con = card.considerations;
    const at = (key: string) => joinPath(p('considerations'), key);
    for (const key of ['users', 'useCases', 'technicalLimitations', 'performanceTradeoffs']) c.strings(con[key], at(key));
    c.list(con.ethicalConsiderations, at('ethicalConsiderations'), (e, ep) => ['name', 'mitigationStrategy'].forEach((k) => c.string(e[k], joinPath(ep, k))), ['name', 'mitigationStrategy']);
    c.list(con.fairnessAssessments, at('fairnessAssessments'), (f, fp) => ['groupAtRisk', 'benefits', 'harms', 'mitigationStrategy'].forEach((k) => c.string(f[k], joinPath(fp, k))));
  }
  checkProperties(c, card.properties, p('properties'));
}

function checkProperties(c: Checker, value: unknown, path: string): void {
  c.list(value, path, (prop, pp) => {
    c.string(prop.name, joinPath(pp, 'name'), true);
    c.string(prop.value, joinPath(pp, 'value'));
  }, ['name', 'value']);
}

function checkComponent(c: Checker, comp: Record<string, unknown>, path: string, refs: Set<string>): void {
  const p = (key: string) => joinPath(path, key);
  c.oneOf(comp.type, p('type'), COMPONENT_TYPES, true);
  c.string(comp.name, p('name'), true);
  for (const key of ['version', 'group', 'publisher', 'description']) c.string(comp[key], p(key));
  if (comp['bom-ref'] !== undefined && c.string(comp['bom-ref'], p('bom-ref'), true)) {
    const ref = comp['bom-ref'] as string;
    if (refs.has(ref)) c.fail(p('bom-ref'), `"${ref}" is used twice; a bom-ref is unique within the BOM`);
    refs.add(ref);
  }
  c.list(comp.licenses, p('licenses'), (l, lp) => {
    if (l.expression !== undefined) c.string(l.expression, joinPath(lp, 'expression'), true);
    else if (c.object(l.license, joinPath(lp, 'license'), ['id', 'name', 'url'])) {
      if (l.license.id === undefined && l.license.name === undefined) c.fail(joinPath(lp, 'license'), 'A licence has an id or a name');
      for (const key of ['id', 'name', 'url']) c.string(l.license[key], joinPath(lp, `license.${key}`));
    }
  });
  c.list(comp.hashes, p('hashes'), (h, hp) => {
    c.oneOf(h.alg, joinPath(hp, 'alg'), HASH_ALGS, true);
    if (c.string(h.content, joinPath(hp, 'content'), true) && !/^[0-9a-fA-F]{32,128}$/.test(h.content as string)) c.fail(joinPath(hp, 'content'), 'Expected hex digits');
  }, ['alg', 'content']);
  c.list(comp.externalReferences, p('externalReferences'), (r, rp) => {
    c.string(r.url, joinPath(rp, 'url'), true);
    c.string(r.type, joinPath(rp, 'type'), true);
  }, ['url', 'type', 'comment']);
  checkProperties(c, comp.properties, p('properties'));
  if (comp.modelCard !== undefined && c.object(comp.modelCard, p('modelCard'), MODEL_CARD_KEYS)) checkModelCard(c, comp.modelCard, p('modelCard'));
  c.list(comp.data, p('data'), (d, dp) => checkComponentData(c, d, dp), DATA_KEYS);
  c.list(comp.components, p('components'), (inner, ip) => checkComponent(c, inner, ip, refs), COMPONENT_KEYS);
}

/**
 * The problems of a CycloneDX JSON BOM in the parts Konform reads and writes, each with its dotted JSON path.
 * `accept` lists the spec versions taken; `strict` also refuses properties Konform does not write.
 */
export function checkCycloneDxBom(doc: unknown, options: { accept?: readonly string[]; strict?: boolean } = {}): InterchangeProblem[] {
  const c = new Checker(options.strict ?? false);
  const accept = options.accept ?? CYCLONEDX_IMPORT_VERSIONS;
  if (!c.object(doc, '', BOM_KEYS)) return c.problems;
  if (doc.bomFormat !== 'CycloneDX') c.fail('bomFormat', 'Expected "CycloneDX"');
  if (typeof doc.specVersion !== 'string' || !accept.includes(doc.specVersion)) c.fail('specVersion', `Expected one of the spec versions ${accept.join(', ')}`);
  if (doc.serialNumber !== undefined && (typeof doc.serialNumber !== 'string' || !SERIAL.test(doc.serialNumber))) c.fail('serialNumber', 'Expected urn:uuid:<UUID>');
  if (doc.version !== undefined && (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1)) c.fail('version', 'Expected a whole number from 1');
  const refs = new Set<string>();
  if (doc.metadata !== undefined && c.object(doc.metadata, 'metadata', ['timestamp', 'tools', 'component', 'properties'])) {
    const meta = doc.metadata;
    if (meta.timestamp !== undefined && (typeof meta.timestamp !== 'string' || Number.isNaN(Date.parse(meta.timestamp)))) c.fail('metadata.timestamp', 'Expected a date-time');
    if (meta.component !== undefined && c.object(meta.component, 'metadata.component', COMPONENT_KEYS)) checkComponent(c, meta.component, 'metadata.component', refs);
    checkProperties(c, meta.properties, 'metadata.properties');
  }
  c.list(doc.components, 'components', (comp, path) => checkComponent(c, comp, path, refs), COMPONENT_KEYS);
  c.list(doc.dependencies, 'dependencies', (d, dp) => {
    if (c.string(d.ref, joinPath(dp, 'ref'), true) && !refs.has(d.ref as string)) c.fail(joinPath(dp, 'ref'), `No component has the bom-ref "${String(d.ref)}"`);
    c.strings(d.dependsOn, joinPath(dp, 'dependsOn'));
  }, ['ref', 'dependsOn']);
  return c.problems;
}

// ---- export ------------------------------------------------------------------------------------------------------------

export interface BomMetric {
  /** The metric's name as the lab recorded it (`accuracy`, `beep/acc`). */
  name: string;
  value: number;
  unit: string;
  ciLower: number | null;
  ciUpper: number | null;
  /** Where it was measured: `Prüflauf 12, TC-01`. */
  slice: string;
}

export interface BomDataset {
  versionId: string;
  name: string;
  provider: string;
  label: string;
  licence: string;
  description: string;
  source: string;
  manifestDigest: string;
  personalData: boolean | null;
  role: string;
}

export interface BomModel {
  versionId: string;
  name: string;
  provider: string;
  kind: string;
  label: string;
  licence: string;
  description: string;
  source: string;
  manifestDigest: string;
  gpai: boolean;
  role: string;
  metrics: BomMetric[];
}

export interface BomRisk {
  title: string;
  description: string;
  measures: string[];
  affectedGroups: string;
}

export interface BomInput {
  serialNumber: string;
  timestamp: string;
  system: { id: string; name: string; purpose: string; description: string; version: string };
  models: BomModel[];
  datasets: BomDataset[];
  risks: BomRisk[];
}

const ref = (type: 'model' | 'dataset', versionId: string) => `konform:${type}-version:${versionId}`;
const prop = (name: string, value: string) => ({ name: `konform:${name}`, value });
const licences = (licence: string) => (licence.trim() ? { licenses: [/^[A-Za-z0-9.+-]+$/.test(licence.trim()) ? { license: { id: licence.trim() } } : { license: { name: licence.trim() } }] } : {});
const text = (value: string) => (value.trim() ? value : undefined);

function dataComponent(d: BomDataset) {
  return {
    'bom-ref': ref('dataset', d.versionId),
    type: 'data',
    name: d.name,
    version: d.label,
    ...(text(d.provider) ? { publisher: d.provider } : {}),
    ...(text(d.description) ? { description: d.description } : {}),
    ...licences(d.licence),
    data: [{
      type: 'dataset',
      name: d.name,
      ...(/^https?:\/\//.test(d.source) ? { contents: { url: d.source } } : {}),
      ...(d.personalData === true ? { sensitiveData: ['personal data'] } : {}),
    }],
    properties: [prop('manifest-digest', d.manifestDigest), prop('role', d.role)],
  };
}

function modelComponent(m: BomModel, datasets: BomDataset[], risks: BomRisk[], systemPurpose: string) {
  const considerations = {
    ...(text(systemPurpose) ? { useCases: [systemPurpose] } : {}),
    ...(risks.length > 0 ? {
      ethicalConsiderations: risks.map((r) => ({ name: r.title, ...(r.measures.length > 0 ? { mitigationStrategy: r.measures.join('; ') } : {}) })),
    } : {}),
    ...(risks.some((r) => r.affectedGroups.trim()) ? {
      fairnessAssessments: risks.filter((r) => r.affectedGroups.trim()).map((r) => ({ groupAtRisk: r.affectedGroups, harms: r.title, ...(r.measures.length > 0 ? { mitigationStrategy: r.measures.join('; ') } : {}) })),
    } : {}),
  };
  const modelCard = {
    modelParameters: {
      ...(m.kind !== 'other' ? { task: m.kind } : {}),
      ...(datasets.length > 0 ? { datasets: datasets.map((d) => ({ ref: ref('dataset', d.versionId) })) } : {}),
    },
    ...(m.metrics.length > 0 ? {
      quantitativeAnalysis: {
        performanceMetrics: m.metrics.map((x) => ({
          type: x.name,
          value: x.unit ? `${x.value} ${x.unit}` : String(x.value),
          slice: x.slice,
          ...(x.ciLower !== null && x.ciUpper !== null ? { confidenceInterval: { lowerBound: String(x.ciLower), upperBound: String(x.ciUpper) } } : {}),
        })),
      },
    } : {}),
    ...(Object.keys(considerations).length > 0 ? { considerations } : {}),
  };
  return {
    'bom-ref': ref('model', m.versionId),
    type: 'machine-learning-model',
    name: m.name,
    version: m.label,
    ...(text(m.provider) ? { publisher: m.provider } : {}),
    ...(text(m.description) ? { description: m.description } : {}),
    ...licences(m.licence),
    ...(/^https?:\/\//.test(m.source) ? { externalReferences: [{ type: 'distribution', url: m.source }] } : {}),
    properties: [prop('manifest-digest', m.manifestDigest), prop('role', m.role), prop('gpai', String(m.gpai))],
    modelCard,
  };
}

/**
 * The CycloneDX 1.6 BOM of an AI system: the system as `metadata.component` (an application), each model version it
 * uses as a `machine-learning-model` with its model card (task, the system's datasets, the lab's measured metrics,
 * the risk register as considerations), each dataset version as `data`. Empty parts are left out, not written empty.
 */
export function buildCycloneDxBom(input: BomInput): Record<string, unknown> {
  const datasets = input.datasets.map(dataComponent);
  const models = input.models.map((m) => modelComponent(m, input.datasets, input.risks, input.system.purpose));
  const systemRef = `konform:system:${input.system.id}`;
  const components = [...models, ...datasets];
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: CYCLONEDX_EXPORT_VERSION,
    serialNumber: input.serialNumber,
    version: 1,
    metadata: {
      timestamp: input.timestamp,
      component: {
        'bom-ref': systemRef,
        type: 'application',
        name: input.system.name,
        version: input.system.version,
        ...(text(input.system.description || input.system.purpose) ? { description: input.system.description || input.system.purpose } : {}),
      },
    },
    ...(components.length > 0 ? { components } : {}),
    ...(components.length > 0 ? { dependencies: [{ ref: systemRef, dependsOn: components.map((c) => c['bom-ref']) }] } : {}),
  };
}


// ---- import ------------------------------------------------------------------------------------------------------------

export interface BomHash {
  alg: string;
  content: string;
}

/** A model or dataset found in a BOM, as Konform records it. */
export interface BomItem {
  type: 'model' | 'dataset';
  /** Where it stands in the BOM (`components.0`, `components.0.modelCard.modelParameters.datasets.0`). */
  path: string;
  name: string;
  provider: string;
  description: string;
  licence: string;
  /** The component's version, the version label; null when the BOM names none. */
  label: string | null;
  source: string;
  sha256: string[];
  /** What the model card says, as text for the version's notes. */
  notes: string;
}

export interface BomReading {
  specVersion: string;
  serialNumber: string | null;
  items: BomItem[];
  /** Components that are neither models nor datasets, by path and what they are. */
  ignored: { path: string; reason: string }[];
}

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const strList = (value: unknown): string[] => (Array.isArray(value) ? value.map(str).filter(Boolean) : []);

function licenceOf(comp: Record<string, unknown>): string {
  if (!Array.isArray(comp.licenses)) return '';
  return comp.licenses.map((l) => (isObject(l) ? str(l.expression) || (isObject(l.license) ? str(l.license.id) || str(l.license.name) : '') : '')).filter(Boolean).join(' AND ');
}

function sourceOf(comp: Record<string, unknown>): string {
  const refs = Array.isArray(comp.externalReferences) ? comp.externalReferences.filter(isObject) : [];
  const preferred = refs.find((r) => ['distribution', 'model-card', 'website', 'vcs'].includes(str(r.type))) ?? refs[0];
  return preferred ? str(preferred.url) : '';
}

function bomModelCardNotes(card: Record<string, unknown>): string {
  const lines: string[] = [];
  const mp = isObject(card.modelParameters) ? card.modelParameters : {};
  const approach = isObject(mp.approach) ? str(mp.approach.type) : '';
  for (const [label, value] of [['Approach', approach], ['Task', str(mp.task)], ['Architecture family', str(mp.architectureFamily)], ['Architecture', str(mp.modelArchitecture)]] as const) {
    if (value) lines.push(`${label}: ${value}`);
  }
  const io = (list: unknown) => (Array.isArray(list) ? list.map((x) => (isObject(x) ? str(x.format) : '')).filter(Boolean).join(', ') : '');
  if (io(mp.inputs)) lines.push(`Inputs: ${io(mp.inputs)}`);
  if (io(mp.outputs)) lines.push(`Outputs: ${io(mp.outputs)}`);
  const qa = isObject(card.quantitativeAnalysis) ? card.quantitativeAnalysis : {};
  for (const m of Array.isArray(qa.performanceMetrics) ? qa.performanceMetrics.filter(isObject) : []) {
    const ci = isObject(m.confidenceInterval) ? ` [${str(m.confidenceInterval.lowerBound)}; ${str(m.confidenceInterval.upperBound)}]` : '';
    lines.push(`Metric ${str(m.type) || '?'}: ${str(m.value) || '?'}${ci}${str(m.slice) ? ` (${str(m.slice)})` : ''}`);
  }
  const con = isObject(card.considerations) ? card.considerations : {};
  for (const [label, key] of [['Users', 'users'], ['Use cases', 'useCases'], ['Technical limitations', 'technicalLimitations'], ['Performance trade-offs', 'performanceTradeoffs']] as const) {
    const list = strList(con[key]);
    if (list.length > 0) lines.push(`${label}: ${list.join('; ')}`);
  }
  for (const e of Array.isArray(con.ethicalConsiderations) ? con.ethicalConsiderations.filter(isObject) : []) {
    lines.push(`Ethical consideration: ${str(e.name)}${str(e.mitigationStrategy) ? ` (mitigation: ${str(e.mitigationStrategy)})` : ''}`);
  }
  for (const f of Array.isArray(con.fairnessAssessments) ? con.fairnessAssessments.filter(isObject) : []) {
    lines.push(`Fairness: ${[str(f.groupAtRisk), str(f.harms), str(f.mitigationStrategy)].filter(Boolean).join(' / ')}`);
  }
  return lines.join('\n');
}

function itemOf(type: 'model' | 'dataset', comp: Record<string, unknown>, path: string): BomItem {
  const group = str(comp.group);
  const name = str(comp.name);
  const supplier = isObject(comp.supplier) ? str(comp.supplier.name) : '';
  const hashes = Array.isArray(comp.hashes) ? comp.hashes.filter(isObject) : [];
  return {
    type,
    path,
    name: group ? `${group}/${name}` : name,
    provider: str(comp.publisher) || supplier || group,
    description: str(comp.description),
    licence: licenceOf(comp),
    label: str(comp.version) || null,
    source: sourceOf(comp),
    sha256: hashes.filter((h) => h.alg === 'SHA-256').map((h) => str(h.content).toLowerCase()),
    notes: isObject(comp.modelCard) ? bomModelCardNotes(comp.modelCard) : '',
  };
}

/**
 * The models and datasets of a BOM that `checkCycloneDxBom` accepted: `machine-learning-model` components, `data`
 * components, and datasets a model card describes inline (a dataset given by `ref` is the data component it names).
 * Nested components are read too; other component types are listed as ignored.
 */
export function readCycloneDxBom(doc: Record<string, unknown>): BomReading {
  const items: BomItem[] = [];
  const ignored: BomReading['ignored'] = [];
  const visit = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((comp, i) => {
      if (!isObject(comp)) return;
      const path = joinPath(base, i);
      if (comp.type === 'machine-learning-model') {
        items.push(itemOf('model', comp, path));
        const mp = isObject(comp.modelCard) && isObject(comp.modelCard.modelParameters) ? comp.modelCard.modelParameters : {};
        (Array.isArray(mp.datasets) ? mp.datasets : []).forEach((d, j) => {
          if (isObject(d) && d.ref === undefined && str(d.name)) {
            const dataset = itemOf('dataset', { ...d, externalReferences: isObject(d.contents) && str(d.contents.url) ? [{ type: 'distribution', url: d.contents.url }] : undefined }, `${path}.modelCard.modelParameters.datasets.${j}`);
            items.push({ ...dataset, notes: str(d.classification) ? `Classification: ${str(d.classification)}` : '' });
          }
        });
      } else if (comp.type === 'data') {
        items.push(itemOf('dataset', comp, path));
      } else {
        ignored.push({ path, reason: `type "${String(comp.type)}" is neither a model nor a dataset` });
      }
      visit(comp.components, `${path}.components`);
    });
  };
  visit(doc.components, 'components');
  return { specVersion: String(doc.specVersion), serialNumber: typeof doc.serialNumber === 'string' ? doc.serialNumber : null, items, ignored };
}

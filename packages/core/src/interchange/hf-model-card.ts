import { isObject, type InterchangeProblem } from './problems.js';

// Hugging Face model cards: a README.md whose YAML front matter (between `---` lines at the very start) carries the
// metadata (license, datasets, metrics, base_model, model-index with evaluation results). The YAML itself is parsed
// by the caller; this module splits the file and decides what a model version takes over.

export interface SplitCard {
  /** The YAML text between the fences, null when the file has no front matter. */
  yaml: string | null;
  body: string;
}

/** Splits a model card into its front matter and the Markdown text after it (a BOM and CRLF line ends are accepted). */
export function splitFrontMatter(source: string): SplitCard {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.startsWith('---\n')) return { yaml: null, body: text };
  const end = text.indexOf('\n---', 3);
  if (end < 0) return { yaml: null, body: text };
  const after = text.indexOf('\n', end + 4);
  const closing = text.slice(end + 1, after < 0 ? undefined : after).trim();
  if (closing !== '---') return { yaml: null, body: text };
  return { yaml: text.slice(4, end + 1), body: after < 0 ? '' : text.slice(after + 1) };
}

export interface CardResult {
  task: string;
  dataset: string;
  split: string;
  metric: string;
  value: number | string;
}

/** What a model version takes over from a card, and what it leaves. */
export interface CardReading {
  licence: string;
  datasets: string[];
  baseModels: string[];
  metrics: string[];
  results: CardResult[];
  pipelineTag: string;
  languages: string[];
  taken: { field: string; value: string }[];
  ignored: { field: string; reason: string }[];
}

const TAKEN_FIELDS = ['license', 'license_name', 'license_link', 'datasets', 'base_model', 'metrics', 'model-index', 'pipeline_tag', 'language'];

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

/** A YAML value that may be one string or a list of them. */
function oneOrMany(value: unknown, field: string, problems: InterchangeProblem[]): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => {
      if (typeof v === 'string' && v.trim()) return [v.trim()];
      problems.push({ path: `${field}.${i}`, message: 'Expected a string' });
      return [];
    });
  }
  problems.push({ path: field, message: 'Expected a string or a list of strings' });
  return [];
}

function resultsOf(index: unknown, problems: InterchangeProblem[]): CardResult[] {
  if (index === undefined || index === null) return [];
  if (!Array.isArray(index)) {
    problems.push({ path: 'model-index', message: 'Expected a list' });
    return [];
  }
  const results: CardResult[] = [];
  index.forEach((entry, i) => {
    const at = `model-index.${i}`;
    if (!isObject(entry)) return void problems.push({ path: at, message: 'Expected an object' });
    if (entry.results === undefined) return;
    if (!Array.isArray(entry.results)) return void problems.push({ path: `${at}.results`, message: 'Expected a list' });
    entry.results.forEach((r, j) => {
      const rp = `${at}.results.${j}`;
      if (!isObject(r)) return void problems.push({ path: rp, message: 'Expected an object' });
      const task = isObject(r.task) ? str(r.task.name) || str(r.task.type) : '';
      const dataset = isObject(r.dataset) ? str(r.dataset.name) || str(r.dataset.type) : '';
      const split = isObject(r.dataset) ? str(r.dataset.split) : '';
      if (!Array.isArray(r.metrics)) return void problems.push({ path: `${rp}.metrics`, message: 'Expected a list of metrics' });
      r.metrics.forEach((m, k) => {
        const mp = `${rp}.metrics.${k}`;
        if (!isObject(m)) return void problems.push({ path: mp, message: 'Expected an object' });
        const metric = str(m.name) || str(m.type);
        if (!metric) return void problems.push({ path: `${mp}.type`, message: 'The metric has no type' });
        if (typeof m.value === 'number' ? !Number.isFinite(m.value) : typeof m.value !== 'string') return void problems.push({ path: `${mp}.value`, message: 'Expected a number or a string' });
        results.push({ task, dataset, split, metric, value: m.value as number | string });
      });
    });
  });
  return results;
}

/**
 * What a model version takes over from a card's front matter (already parsed from YAML): the licence (`license`, for
 * `other` the `license_name`), datasets, base models, metric names, evaluation results from `model-index`, the
 * pipeline tag and languages. Every other key is listed as ignored. Malformed fields are problems naming the path.
 */
export function readModelCard(frontMatter: unknown): { ok: true; value: CardReading } | { ok: false; problems: InterchangeProblem[] } {
  if (!isObject(frontMatter)) return { ok: false, problems: [{ path: 'front-matter', message: 'The YAML front matter is not a mapping of keys to values' }] };
  const problems: InterchangeProblem[] = [];
  const licenceId = frontMatter.license === undefined ? '' : str(frontMatter.license);
  if (frontMatter.license !== undefined && !licenceId) problems.push({ path: 'license', message: 'Expected a licence identifier' });
  const licence = licenceId === 'other' && str(frontMatter.license_name) ? str(frontMatter.license_name) : licenceId;
  const datasets = oneOrMany(frontMatter.datasets, 'datasets', problems);
  const baseModels = oneOrMany(frontMatter.base_model, 'base_model', problems);
  const metrics = oneOrMany(frontMatter.metrics, 'metrics', problems);
  const languages = oneOrMany(frontMatter.language, 'language', problems);
  const results = resultsOf(frontMatter['model-index'], problems);
  const pipelineTag = str(frontMatter.pipeline_tag);
  if (problems.length > 0) return { ok: false, problems };

  const taken: CardReading['taken'] = [];
  if (licence) taken.push({ field: 'license', value: licence });
  if (licenceId === 'other' && str(frontMatter.license_name)) taken.push({ field: 'license_name', value: licence });
  if (str(frontMatter.license_link)) taken.push({ field: 'license_link', value: str(frontMatter.license_link) });
  if (datasets.length > 0) taken.push({ field: 'datasets', value: datasets.join(', ') });
  if (baseModels.length > 0) taken.push({ field: 'base_model', value: baseModels.join(', ') });
  if (metrics.length > 0) taken.push({ field: 'metrics', value: metrics.join(', ') });
  if (results.length > 0) taken.push({ field: 'model-index', value: `${results.length} result(s)` });
  if (pipelineTag) taken.push({ field: 'pipeline_tag', value: pipelineTag });
  if (languages.length > 0) taken.push({ field: 'language', value: languages.join(', ') });
  const ignored = Object.keys(frontMatter).filter((k) => !TAKEN_FIELDS.includes(k)).map((field) => ({ field, reason: 'Konform has no field for it' }));
  return { ok: true, value: { licence, datasets, baseModels, metrics, results, pipelineTag, languages, taken, ignored } };
}

/** The notes text a version records for what a card said (licence goes to the version's own field). */
export function modelCardNotes(card: CardReading, heading: string): string {
  const lines = [heading];
  if (card.baseModels.length > 0) lines.push(`Base model: ${card.baseModels.join(', ')}`);
  if (card.datasets.length > 0) lines.push(`Datasets: ${card.datasets.join(', ')}`);
  if (card.pipelineTag) lines.push(`Task: ${card.pipelineTag}`);
  if (card.languages.length > 0) lines.push(`Languages: ${card.languages.join(', ')}`);
  if (card.metrics.length > 0) lines.push(`Metrics: ${card.metrics.join(', ')}`);
  for (const r of card.results) lines.push(`Result ${[r.task, r.dataset, r.split].filter(Boolean).join(' / ')}: ${r.metric} = ${r.value}`);
  return lines.join('\n');
}

// ---- export ------------------------------------------------------------------------------------------------------------

export interface CardExportInput {
  name: string;
  provider: string;
  description: string;
  kind: string;
  licence: string;
  label: string;
  manifestDigest: string;
  source: string;
  notes: string;
  datasets: string[];
  /** Measured results from the lab: task (the plan), dataset, metric, value. */
  results: { task: string; dataset: string; metric: string; value: number }[];
  /** The systems that use this version, with their roles. */
  usedBy: string[];
}

/**
 * The front matter (as an object for the caller's YAML writer) and Markdown text of a model card for a model
 * version. `escape` makes user text literal Markdown. Empty keys are left out.
 */
export function buildModelCard(input: CardExportInput, escape: (text: string) => string): { frontMatter: Record<string, unknown>; body: string } {
  const frontMatter: Record<string, unknown> = {};
  if (input.licence.trim()) {
    const spdxLike = /^[a-z0-9.+-]+$/i.test(input.licence.trim());
    frontMatter.license = spdxLike ? input.licence.trim().toLowerCase() : 'other';
    if (!spdxLike) frontMatter.license_name = input.licence.trim();
  }
  if (input.datasets.length > 0) frontMatter.datasets = input.datasets;
  if (input.results.length > 0) {
    frontMatter.metrics = [...new Set(input.results.map((r) => r.metric))];
    frontMatter['model-index'] = [{
      name: input.name,
      results: input.results.map((r) => ({ task: { type: 'evaluation', name: r.task }, dataset: { type: r.dataset || 'unknown', name: r.dataset || 'unknown' }, metrics: [{ type: r.metric, value: r.value }] })),
    }];
  }
  // Single-line places (heading, list items, table cells) get line breaks as spaces; multi-line text keeps its lines
  // as hard breaks, each escaped so that none starts a block of its own (a setext underline, a rule, a list item).
  const one = (text: string) => escape(text.replace(/\s*[\r\n]+\s*/g, ' '));
  const block = (text: string) => text.split(/\r\n|\r|\n/).map((l) => `${escape(l).replace(/^(\s*)([-+=])/, '$1\\$2')}  `);
  const lines = [`# ${one(input.name)} ${one(input.label)}`, ''];
  if (input.description.trim()) lines.push(...block(input.description.trim()), '');
  lines.push('## Model details', '');
  const facts: [string, string][] = [['Provider', input.provider], ['Kind', input.kind], ['Version', input.label], ['Licence', input.licence], ['Source', input.source], ['Manifest digest (SHA-256)', input.manifestDigest]];
  for (const [k, v] of facts) if (v.trim()) lines.push(`- ${k}: ${one(v)}`);
  lines.push('');
  if (input.usedBy.length > 0) lines.push('## Uses', '', ...input.usedBy.map((u) => `- ${one(u)}`), '');
  if (input.results.length > 0) {
    lines.push('## Evaluation results', '', '| Test | Dataset | Metric | Value |', '|---|---|---|---|');
    for (const r of input.results) lines.push(`| ${one(r.task)} | ${one(r.dataset)} | ${one(r.metric)} | ${r.value} |`);
    lines.push('');
  }
  if (input.notes.trim()) lines.push('## Notes', '', ...block(input.notes.trim()), '');
  return { frontMatter, body: lines.join('\n') };
}

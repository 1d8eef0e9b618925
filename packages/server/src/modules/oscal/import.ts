import type { FindingCreate, FindingSeverity } from '@konform/core';
import { HttpProblem } from '../../http/errors.js';
import { KONFORM_NS } from './common.js';
import { schemaIssues, validatorFor } from './validate.js';

interface RawProp { name: string; ns?: string; value: string }
interface RawFinding {
  uuid: string;
  title: string;
  description: string;
  props?: RawProp[];
  target: { type: string; 'target-id': string; status: { state: string; reason?: string } };
  'related-risks'?: { 'risk-uuid': string }[];
}
interface RawRisk { uuid: string; title: string; status: string }
interface RawResult { uuid: string; title: string; findings?: RawFinding[]; risks?: RawRisk[] }
interface RawDocument { 'assessment-results': { uuid: string; metadata: { title: string }; results: RawResult[] } }

/** A finding read from another tool's assessment results, ready for the audit's findings service. */
export interface ImportedFinding {
  oscalUuid: string;
  /** JSON path of the finding in the file, for messages. */
  path: string;
  input: FindingCreate;
}

const SEVERITIES: readonly string[] = ['minor', 'major', 'observation'] satisfies readonly FindingSeverity[];
const REQUIREMENT_KEY = /^[^:\s]+:[^:\s]+$/;
/** Marks an imported finding's description; a second import of the same file skips what is there already. */
export const importMarker = (uuid: string) => `OSCAL finding ${uuid}`;

const konformProps = (props: RawProp[] | undefined, name: string) => (props ?? []).filter((p) => p.ns === KONFORM_NS && p.name === name).map((p) => p.value);
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * Reads an OSCAL assessment-results document (1.x JSON, checked against the 1.2.2 schema) into findings: a finding
 * whose target is not satisfied is a minor non-conformity (major or observation when a Konform `severity` prop says
 * so, as Konform's own export writes), a satisfied one an observation. Konform `requirement-key` props carry over.
 * Anything malformed throws a problem naming the JSON path; nothing has been written then.
 */
export function readAssessmentResults(body: unknown): { documentUuid: string; title: string; findings: ImportedFinding[] } {
  if (typeof body !== 'object' || body === null || !('assessment-results' in body)) {
    throw new HttpProblem(400, 'validation', 'Not an OSCAL assessment-results document', [{ path: '$.assessment-results', message: 'is required (an OSCAL assessment-results document in JSON)' }]);
  }
  const validate = validatorFor('assessment-results');
  if (!validate(body)) throw new HttpProblem(400, 'validation', 'The file is not valid OSCAL assessment results', schemaIssues(validate.errors));
  const doc = (body as RawDocument)['assessment-results'];
  const findings = doc.results.flatMap((result, r) => {
    const risks = new Map((result.risks ?? []).map((risk) => [risk.uuid, risk]));
    return (result.findings ?? []).map((f, i): ImportedFinding => {
      const path = `$.assessment-results.results[${r}].findings[${i}]`;
      const stated = konformProps(f.props, 'severity').find((s) => SEVERITIES.includes(s)) as FindingSeverity | undefined;
      const severity: FindingSeverity = stated ?? (f.target.status.state === 'satisfied' ? 'observation' : 'minor');
      const requirementKeys = [...new Set(konformProps(f.props, 'requirement-key').filter((k) => REQUIREMENT_KEY.test(k) && k.length <= 300))].slice(0, 50);
      const relatedRisks = (f['related-risks'] ?? []).map((ref) => risks.get(ref['risk-uuid'])).filter((x) => x !== undefined);
      const source = [
        `${importMarker(f.uuid)} (${f.target.type} ${f.target['target-id']}: ${f.target.status.state}${f.target.status.reason ? `, ${f.target.status.reason}` : ''})`,
        `Result: ${result.title}; document: ${doc.metadata.title} (${doc.uuid})`,
        ...relatedRisks.map((risk) => `Risk: ${risk.title} (${risk.status})`),
      ].join('\n');
      return {
        oscalUuid: f.uuid,
        path,
        input: {
          title: clip(f.title.trim() || f.target['target-id'], 300),
          // The marker goes first so that clipping a long description never removes it.
          description: clip(`${source}\n\n${f.description.trim()}`, 10_000),
          severity,
          ...(requirementKeys.length > 0 ? { requirementKeys } : {}),
        },
      };
    });
  });
  if (findings.length === 0) throw new HttpProblem(400, 'validation', 'The file holds no findings', [{ path: '$.assessment-results.results', message: 'has no findings to import' }]);
  return { documentUuid: doc.uuid, title: doc.metadata.title, findings };
}

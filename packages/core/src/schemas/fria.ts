import { z } from 'zod';
import { SignerCredentialFields } from './signatures.js';
import { Id, Timestamp } from './common.js';

const Text = (max = 20_000) => z.string().trim().max(max);

/** The six elements of Art. 27(1) AI Act, (a)–(f). */
export const FRIA_ELEMENTS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export const FriaElement = z.enum(FRIA_ELEMENTS);
export type FriaElement = z.infer<typeof FriaElement>;

/** What the deployer writes for each element; the risk register and the system record feed (c)–(e). */
export const FriaContent = z.strictObject({
  /** (a) The deployer's processes in which the system is used, in line with its intended purpose. */
  processes: Text(),
  /** (b) The period of time within which, and the frequency with which, the system is intended to be used. */
  period: Text(2000),
  frequency: Text(2000),
  /** (c) The categories of natural persons and groups likely to be affected in the specific context. */
  affectedCategories: Text(),
  /** (d) The specific risks of harm likely to affect those categories; `riskIds`: risks of the register it draws on. */
  risksOfHarm: Text(),
  riskIds: z.array(Id).max(500),
  /** (e) The human oversight measures, according to the instructions for use. */
  humanOversight: Text(),
  /** (f) The measures taken if the risks materialise, incl. internal governance and complaint mechanisms. */
  materialisationMeasures: Text(),
  complaintMechanism: Text(),
  internalGovernance: Text(),
  /** Evidence holding the data-protection impact assessment (Art. 26(9), 27(4)). */
  dpiaEvidenceId: Id.nullable(),
});
export type FriaContent = z.infer<typeof FriaContent>;

export const EMPTY_FRIA_CONTENT: FriaContent = {
  processes: '', period: '', frequency: '', affectedCategories: '', risksOfHarm: '', riskIds: [], humanOversight: '',
  materialisationMeasures: '', complaintMechanism: '', internalGovernance: '', dpiaEvidenceId: null,
};

export const FRIA_VERSION_STATES = ['draft', 'approved', 'superseded'] as const;

export const FriaVersion = z.object({
  number: z.number().int(),
  state: z.enum(FRIA_VERSION_STATES),
  content: FriaContent,
  /** Optimistic lock of a draft. */
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: Timestamp,
  updatedBy: z.string(),
  updatedAt: Timestamp,
  approvedBy: z.string().nullable(),
  approvedAt: Timestamp.nullable(),
  signatureId: z.string().nullable(),
});
export type FriaVersion = z.infer<typeof FriaVersion>;

/** GET /api/systems/{id}/fria */
export const FriaState = z.object({
  systemId: Id,
  /** Whether the classification the matrix rests on requires a FRIA (Art. 27: public bodies and Annex III 5(b)/(c) deployers). */
  required: z.boolean(),
  basis: z.enum(['approved', 'draft', 'none']),
  /** The newest version (a draft being written, or the approved one). */
  current: FriaVersion.nullable(),
  /** The approved version in force, when there is one. */
  approved: FriaVersion.nullable(),
  versions: z.array(FriaVersion.pick({ number: true, state: true, approvedBy: true, approvedAt: true, updatedAt: true })),
  /** Elements whose source data (system record, risk register) changed since the current version was written. */
  outdated: z.array(FriaElement),
  /** Text drawn from the records to start or refresh each element. */
  suggestions: z.object({ processes: z.string(), affectedCategories: z.string(), risksOfHarm: z.string(), riskIds: z.array(Id), humanOversight: z.string() }),
});
export type FriaState = z.infer<typeof FriaState>;

/** PUT /api/systems/{id}/fria: saves the draft (a new draft after an approved version). `version`: the draft's, 0 for a new one. */
export const FriaSave = z.strictObject({ version: z.number().int().min(0), content: FriaContent, reason: z.string().trim().max(1000).optional() });
export type FriaSave = z.infer<typeof FriaSave>;

/** POST /api/systems/{id}/fria/approve: four eyes, by someone other than the draft's authors. */
export const FriaApprove = z.strictObject({ version: z.number().int().min(1), ...SignerCredentialFields, comment: z.string().trim().max(2000).optional() });
export type FriaApprove = z.infer<typeof FriaApprove>;

export const FriaExportQuery = z.strictObject({ format: z.enum(['docx', 'pdf', 'md']).default('pdf'), lang: z.enum(['de', 'en']).default('de'), number: z.coerce.number().int().min(1).optional() });
export type FriaExportQuery = z.infer<typeof FriaExportQuery>;

export const RiskReportQuery = z.strictObject({ format: z.enum(['docx', 'pdf', 'md', 'xlsx']).default('pdf'), lang: z.enum(['de', 'en']).default('de') });
export type RiskReportQuery = z.infer<typeof RiskReportQuery>;

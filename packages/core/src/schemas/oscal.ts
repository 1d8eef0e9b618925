import { z } from 'zod';
import { Id } from './common.js';

/** GET /api/systems/{id}/oscal/component-definition: the catalogue whose requirements become control implementations. */
export const OscalComponentQuery = z.strictObject({
  catalog: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]*$/, 'Expected one catalogue id').max(100),
});
export type OscalComponentQuery = z.infer<typeof OscalComponentQuery>;

/** POST /api/audits/{id}/oscal/assessment-results: what an import of another tool's assessment results wrote. */
export const OscalImportResult = z.object({
  auditId: Id,
  documentUuid: z.string(),
  documentTitle: z.string(),
  /** Findings written (minor and major ones opened a non-conformity each). */
  created: z.number().int(),
  findingIds: z.array(Id),
  /** OSCAL finding UUIDs imported into this audit before, left as they are. */
  skipped: z.array(z.string()),
});
export type OscalImportResult = z.infer<typeof OscalImportResult>;

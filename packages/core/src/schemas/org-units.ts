import { z } from 'zod';
import { Id, Timestamp, text, optionalText } from './common.js';

export const OrgUnit = z.object({
  id: Id,
  name: z.string(),
  shortName: z.string(),
  parentId: Id.nullable(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  archivedAt: Timestamp.nullable(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const OrgUnitCreate = z.strictObject({
  name: text(200),
  shortName: optionalText(40).default(''),
  parentId: Id.nullable().default(null),
});
export type OrgUnitCreate = z.infer<typeof OrgUnitCreate>;

export const OrgUnitUpdate = z.strictObject({
  version: z.number().int().min(1),
  name: text(200).optional(),
  shortName: optionalText(40).optional(),
  parentId: Id.nullable().optional(),
  reason: optionalText(500).optional(),
});
export type OrgUnitUpdate = z.infer<typeof OrgUnitUpdate>;

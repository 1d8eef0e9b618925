import { z } from 'zod';
import { Role } from '../permissions.js';
import { Id, PageQuery, Timestamp, text } from './common.js';
import { Marking } from '../access/clearance.js';

export const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
/**
 * A new password. The schema refuses the plainly short (so that every field's error is reported at once); the password
 * policy (passwords/policy.ts) then counts characters as NFKC code points and checks the breached list and identity.
 */
export const Password = z.string().min(12).max(1024);

export const User = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  locale: z.enum(['de', 'en']),
  active: z.boolean(),
  roles: z.array(z.object({ orgUnitId: Id, role: Role })),
  /** The highest classification level the user may read (need-to-know, set by an administrator); `offen`: none above open. */
  clearance: Marking,
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastLoginAt: Timestamp.nullable(),
});
export type User = z.infer<typeof User>;

export const RoleAssignmentInput = z.strictObject({ orgUnitId: Id, role: Role });

export const UserCreate = z.strictObject({
  email: Email,
  displayName: text(200),
  password: Password,
  locale: z.enum(['de', 'en']).default('de'),
  roles: z.array(RoleAssignmentInput).max(100).default([]),
  /** Clearance for classified records; `offen` when left out. */
  clearance: Marking.optional(),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.strictObject({
  version: z.number().int().min(1),
  displayName: text(200).optional(),
  locale: z.enum(['de', 'en']).optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
  roles: z.array(RoleAssignmentInput).max(100).optional(),
  clearance: Marking.optional(),
  reason: z.string().trim().max(500).optional(),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const UserListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  ...PageQuery,
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export * from './permissions.js';
export * from './schemas/common.js';
export * from './schemas/auth.js';
export * from './schemas/org-units.js';
export * from './schemas/users.js';
export * from './schemas/systems.js';
export * from './schemas/audit.js';
export * from './audit/changes.js';

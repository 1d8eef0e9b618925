export * from './condition.js';
export * from './catalog.js';
export * from './diff.js';

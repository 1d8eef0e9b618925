export * from './condition.js';
export * from './catalog.js';

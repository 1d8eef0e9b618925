export * from './model.js';
export * from './annex-iv.js';
export * from './builders.js';

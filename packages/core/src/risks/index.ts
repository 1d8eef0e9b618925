export * from './matrix.js';
export * from './scoring.js';
export * from './sources.js';

export * from '../schemas/qms.js';
export * from './art17.js';
export * from './coverage.js';
export * from './markdown.js';
export * from './review.js';
export * from './workflow.js';

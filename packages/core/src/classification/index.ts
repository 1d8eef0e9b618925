export * from './facts.js';
export * from './result.js';
export * from './timeline.js';
export * from './classify.js';
export * from './questionnaire.js';

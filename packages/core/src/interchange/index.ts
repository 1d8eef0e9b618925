export type { InterchangeProblem } from './problems.js';
export * from './cyclonedx.js';
export * from './hf-model-card.js';

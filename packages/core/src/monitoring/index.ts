export * from './rules.js';
export * from '../schemas/monitoring.js';

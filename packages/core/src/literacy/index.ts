export * from '../schemas/literacy.js';
export * from './status.js';

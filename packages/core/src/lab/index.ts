export * from '../schemas/lab.js';
export * from './methods.js';
export * from './environments.js';

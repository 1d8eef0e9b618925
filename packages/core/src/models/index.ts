export * from './sha256.js';
export * from './manifest.js';
export * from './custody.js';
export * from '../schemas/models.js';

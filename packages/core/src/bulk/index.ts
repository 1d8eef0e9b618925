export * from './neutralise.js';
export * from './columns.js';
export * from './rows.js';

// OSCAL catalog import and export: see oscal-export.ts for how Konform's data is encoded.
export { catalogToOscal } from './oscal-export.js';
export { parseOscalCatalog } from './oscal-import.js';

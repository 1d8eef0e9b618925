import type { CatalogBundle, CatalogImportFormat, ImportIssue } from '@konform/core';


/** A file that cannot be imported: every problem found, each named by its place in the file. */
export class ImportFormatError extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.name = 'ImportFormatError';
  }
}

/** A file read into Konform's catalogue model, before anything is stored. */
export interface ParsedImport {
  format: CatalogImportFormat;
  bundle: CatalogBundle;
  /** Things imported differently than written, in English, one sentence each. */
  warnings: string[];
}

export interface ImportOptions {
  /** Overrides the catalogue id derived from the file. */
  catalogId?: string;
  /** Whether a requirement key (`catalogId:requirementId`) is known, for mapping sets that point at other catalogues. */
  knownRequirement?: (key: string) => boolean;
  /**
   * The active version of a catalogue with the measures and mapping sets it brought, for files that extend a
   * catalogue Konform already has (a CISO Assistant library with only mapping sets).
   */
  activeBundle?: (catalogId: string) => { catalog: CatalogBundle['catalog']; measures?: CatalogBundle['measures']; mappings?: CatalogBundle['mappings'] } | undefined;
}

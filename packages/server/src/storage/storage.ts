import type { Readable } from 'node:stream';

/** A stored object is named by the SHA-256 of its content (64 lower-case hex digits). */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Content that has been received and hashed but is not stored yet: `commit()` makes it visible under its hash
 * (a no-op when that content is stored already), `discard()` removes what was received. Both may be called
 * more than once; after `commit()`, `discard()` does nothing.
 */
export interface StagedObject {
  readonly sha256: string;
  readonly size: number;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Content-addressed storage for evidence files: a local folder under the data directory, or an S3-compatible object
 * store shared by several instances.
 */
export interface ObjectStorage {
  /**
   * Streams the content into temporary storage while computing its SHA-256 and size; nothing is ever held in
   * memory whole. If the source fails, what was received is removed and the error is rethrown.
   */
  put(source: Readable): Promise<StagedObject>;
  /** The content, or undefined when no object of that hash is stored. */
  get(sha256: string): Promise<Readable | undefined>;
  has(sha256: string): Promise<boolean>;
  /** The hash of every stored object, each once (for backups; objects are never changed, so a walk is consistent). */
  list(): AsyncIterable<string>;
}

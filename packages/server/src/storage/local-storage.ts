import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SHA256_HEX, type ObjectStorage, type StagedObject } from './storage.js';
import { stageToFile } from './staging.js';

/**
 * Evidence files on the local file system, under `<root>/objects/ab/cd/<sha256>`. Uploads are written to
 * `<root>/tmp/` while hashing, flushed to disk, and renamed into place only on commit (same file system, so the
 * rename is atomic): a reader never sees a partial object. Directories are created on first use.
 */
export class LocalFileStorage implements ObjectStorage {
  constructor(readonly root: string) {}

  objectPath(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error('Not a SHA-256 hex digest');
    return path.join(this.root, 'objects', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  get tmpDir(): string {
    return path.join(this.root, 'tmp');
  }

  async put(source: Readable): Promise<StagedObject> {
    const { file: tmp, sha256, size } = await stageToFile(source, this.tmpDir);
    const target = this.objectPath(sha256);
    let state: 'staged' | 'committed' | 'discarded' = 'staged';
    return {
      sha256,
      size,
      commit: async () => {
        if (state !== 'staged') {
          if (state === 'discarded') throw new Error('The staged object was discarded');
          return;
        }
        await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        // Same content under the same name: an existing object is kept (it is identical) and the copy dropped.
        if (await exists(target)) await removeQuietly(tmp);
        else await rename(tmp, target);
        state = 'committed';
      },
      discard: async () => {
        if (state !== 'staged') return;
        state = 'discarded';
        await removeQuietly(tmp);
      },
    };
  }

  /**
   * Removes uploads left in `tmp/` by a process that died mid-request (a finished request always commits or
   * discards its file). Only files older than `olderThanMs` go, so uploads running right now on another instance
   * sharing the directory are left alone. Returns how many were removed.
   */
  async sweepStaleUploads(now = Date.now(), olderThanMs = 3_600_000): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith('.part')) continue;
      const file = path.join(this.tmpDir, name);
      try {
        if (now - (await stat(file)).mtimeMs < olderThanMs) continue;
      } catch (error) {
        if (isMissing(error)) continue;
        throw error;
      }
      await removeQuietly(file);
      removed++;
    }
    return removed;
  }

  async get(sha256: string): Promise<Readable | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    try {
      const file = await open(this.objectPath(sha256), 'r');
      return file.createReadStream();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return SHA256_HEX.test(sha256) && exists(this.objectPath(sha256));
  }

  /** Walks `objects/ab/cd/` in name order; anything that is not a finished object (a stray file) is left out. */
  async *list(): AsyncIterable<string> {
    const walk = async function* (dir: string, depth: number): AsyncGenerator<string> {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (depth < 2 && entry.isDirectory()) yield* walk(path.join(dir, entry.name), depth + 1);
        else if (depth === 2 && entry.isFile() && SHA256_HEX.test(entry.name)) yield entry.name;
      }
    };
    yield* walk(path.join(this.root, 'objects'), 0);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

async function removeQuietly(file: string): Promise<void> {
  await unlink(file).catch((error: unknown) => {
    if (!isMissing(error)) throw error;
  });
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

import path from 'node:path';
import { LocalFileStorage } from './local-storage.js';
import { S3ObjectStorage, type S3Settings } from './s3-storage.js';
import type { ObjectStorage } from './storage.js';

/**
 * The evidence store of an instance: the local folder `<data dir>/evidence`, or the S3-compatible store when one is
 * configured (uploads are then staged in the local folder's tmp directory). Server, backup and restore use the same.
 */
export function openObjectStorage(dataDir: string, s3: S3Settings | undefined): { local: LocalFileStorage; storage: ObjectStorage } {
  const local = new LocalFileStorage(path.join(dataDir, 'evidence'));
  return { local, storage: s3 ? new S3ObjectStorage(s3, local.tmpDir) : local };
}

// The manifest of a backup archive: what it holds, each entry's SHA-256, and the state it was taken in.
export const BACKUP_FORMAT = 'konform-backup/1';
export const MANIFEST_NAME = 'manifest.json';
export const SIGNATURE_NAME = 'manifest.sig';

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  konformVersion: string;
  sourceDialect: 'sqlite' | 'postgres';
  /** The migrations applied to the database that was backed up, in order. */
  migrations: string[];
  auditChainHead: { seq: number; chainHash: string | null };
  tables: Record<string, { rows: number }>;
  entries: ManifestEntry[];
  /** The organisation key that signed `manifest.json` (in `manifest.sig`), or null when the instance had none yet. */
  signature: { keyId: string; algorithm: 'Ed25519' } | null;
}

/** Entry names an archive may hold: anything else is refused before a byte is written. */
export const ENTRY_NAME = /^(db\/[a-z0-9_]+\.jsonl|evidence\/[0-9a-f]{64}|keys\/[A-Za-z0-9._-]+|manifest\.json|manifest\.sig)$/;

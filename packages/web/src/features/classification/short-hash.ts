/** A SHA-256 hex digest shortened for display: the first and last eight characters. */
export function shortHash(hash: string | null | undefined): string {
  if (hash === null || hash === undefined || hash === '') return '–';
  return hash.length <= 20 ? hash : `${hash.slice(0, 8)}…${hash.slice(-8)}`;
}

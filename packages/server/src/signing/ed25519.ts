import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** Ed25519 primitives of the organisation's signatures, free of storage so checks need nothing but a public key. */

/** A key's id: the first 32 hex digits of the SHA-256 of its public key (SPKI DER), so anyone can recompute it. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);
}

/** Ed25519 signature (base64) of the bytes with the key. */
export function signBytes(key: { privateKey: KeyObject }, data: Buffer): string {
  return sign(null, data, key.privateKey).toString('base64');
}

/** Whether a base64 signature over the bytes verifies with the PEM public key; a malformed signature is false. */
export function verifyBytes(publicKeyPem: string, data: Buffer, signature: string): boolean {
  try {
    return verify(null, data, createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

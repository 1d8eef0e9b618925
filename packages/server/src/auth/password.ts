import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { normalizePassword } from '@konform/core';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => {
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });

// N=2^15, r=8, p=1: the OWASP-recommended minimum cost for scrypt.
const PARAMS = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;
const MAX_MEM = 64 * 1024 * 1024;

/** Encodes as `scrypt$N$r$p$salt$hash` so the cost can be raised later without breaking old hashes. NFKC (800-63B). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(normalizePassword(password), salt, KEY_LENGTH, { ...PARAMS, maxmem: MAX_MEM });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Hashes set before the NFKC policy used NFC; a password whose two forms differ is tried in both, so it keeps working. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, hashB64] = encoded.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const matches = async (form: string) => {
    const key = await scrypt(form, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEM });
    return key.length === expected.length && timingSafeEqual(key, expected);
  };
  const nfkc = normalizePassword(password);
  const nfc = password.normalize('NFC');
  return (await matches(nfkc)) || (nfc !== nfkc && (await matches(nfc)));
}

/** A hash of a random password: verifying against it costs the same as a real check, hiding unknown e-mails. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** A readable one-time password for the first administrator. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

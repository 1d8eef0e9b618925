/**
 * `verify.mjs`, the checker inside every audit package: plain JavaScript that needs only Node.js (18 or later; no npm
 * packages), written independently of the server's own check so the two can be compared. Run inside the extracted
 * package (`node verify.mjs`) or with the folder as argument. It checks the manifest's signature with the key in
 * `public-keys.pem` (and prints its id, to compare with the organisation's published key), every file's SHA-256 and
 * size, files that are not listed, each link of the audit chain slice, and the signed checkpoint. Exit code 0 = intact.
 */
export const VERIFY_SCRIPT = String.raw`#!/usr/bin/env node
// Konform audit package check. Needs Node.js 18 or later, nothing else. Usage: node verify.mjs [folder]
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] || fileURLToPath(new URL('.', import.meta.url));
const problems = [];
const say = (line) => console.log(line);
const fail = (line) => { problems.push(line); say(line); };
const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const read = (name) => { const p = join(dir, name); return existsSync(p) && statSync(p).isFile() ? readFileSync(p) : null; };

// Deterministic JSON (keys sorted at every depth): what the audit chain hashes.
function canonical(value) {
  if (value === null || value === undefined || typeof value !== 'object') return JSON.stringify(value === undefined ? null : value);
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
}

// Public keys by id: the first 32 hex digits of the SHA-256 of the key (SPKI DER).
const keys = new Map();
for (const pem of (read('public-keys.pem') || '').toString().match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) || []) {
  const key = createPublicKey(pem);
  keys.set(sha256(key.export({ type: 'spki', format: 'der' })).slice(0, 32), key);
}
const verifies = (keyId, data, signatureBase64) => {
  const key = keys.get(keyId);
  if (!key) return false;
  try { return verify(null, data, key, Buffer.from(String(signatureBase64).trim(), 'base64')); } catch { return false; }
};

// 1. The manifest and its signature.
const manifestBytes = read('manifest.json');
const signature = read('manifest.sig');
let manifest = null;
try { manifest = JSON.parse(manifestBytes.toString('utf8')); } catch { fail('NOT VERIFIED: manifest.json is missing or cannot be read'); }
if (manifest) {
  if (!signature) fail('MISSING manifest.sig');
  else if (!keys.has(manifest.keyId)) fail('NOT VERIFIED: public-keys.pem holds no key ' + manifest.keyId);
  else if (!verifies(manifest.keyId, manifestBytes, signature.toString())) fail('CHANGED manifest.json (its signature does not verify)');
  else say('OK      manifest.json signed ' + manifest.issuedAt + ' with key ' + manifest.keyId);

  // 2. Every listed file, then files nobody listed.
  const listed = new Set(['manifest.json', 'manifest.sig']);
  for (const f of manifest.files || []) {
    listed.add(f.path);
    const bytes = read(f.path);
    if (!bytes) fail('MISSING ' + f.path);
    else if (bytes.length !== f.size || sha256(bytes) !== f.sha256) fail('CHANGED ' + f.path);
  }
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(join(d, e.name)) : [relative(dir, join(d, e.name)).split(sep).join('/')]);
  for (const name of walk(dir)) if (!listed.has(name)) fail('NOT LISTED ' + name);
  say('        ' + (manifest.files || []).length + ' files checked');
}

// 3. The audit chain slice: each event's payload hash (where the payload is included) and its chain hash, which covers
// the previous event's chain hash; then the signed checkpoint.
let slice = null;
try { slice = JSON.parse(read('audit-chain.json').toString('utf8')); } catch { fail('NOT VERIFIED: audit-chain.json is missing or cannot be read'); }
if (slice) {
  let previous = slice.previous;
  let broken = 0;
  for (const event of slice.events) {
    const why = [];
    if (event.seq !== previous.seq + 1) why.push('sequence gap after event ' + previous.seq);
    if (event.payload !== null && (event.payload.seq !== event.seq || sha256(canonical(event.payload)) !== event.payloadHash)) why.push('payload does not match its hash');
    if (sha256(previous.chainHash + ':' + event.payloadHash) !== event.chainHash) why.push('chain hash does not follow from the previous event');
    if (why.length > 0) { broken += 1; fail('CHANGED audit event ' + event.seq + ': ' + why.join('; ')); }
    previous = event;
  }
  const withheld = slice.events.filter((e) => e.payload === null).length;
  if (broken === 0) say('OK      audit chain slice: ' + slice.events.length + ' events, ' + withheld + ' with payload withheld');
  const c = slice.checkpoint;
  if (!c) say('NOTE    no signed checkpoint covers the slice yet');
  else {
    const message = Buffer.from('konform-audit-checkpoint/1\nseq=' + c.seq + '\nchain=' + c.chainHash + '\nsigned=' + c.signedAt + '\n', 'utf8');
    const at = slice.events.find((e) => e.seq === c.seq);
    if (!keys.has(c.keyId)) fail('NOT VERIFIED: public-keys.pem holds no key ' + c.keyId + ' (checkpoint)');
    else if (!verifies(c.keyId, message, c.signature)) fail('CHANGED checkpoint at event ' + c.seq + ' (its signature does not verify)');
    else if (!at || at.chainHash !== c.chainHash) fail('CHANGED audit event ' + c.seq + ': differs from the signed checkpoint');
    else say('OK      checkpoint at event ' + c.seq + ' signed ' + c.signedAt + ' with key ' + c.keyId);
  }
}

say('');
say('Key ids in public-keys.pem: ' + [...keys.keys()].join(', ') + ' (compare them with the keys your organisation published)');
if (problems.length === 0) { say('VERIFIED: nothing was altered'); }
else { say('NOT VERIFIED: ' + problems.length + ' problem(s), listed above'); process.exitCode = 1; }
`;

/** README.txt of a package, German then English. */
export function packageReadme(title: string, keyId: string): string {
  return [
    `Konform – Audit-Paket / audit package: ${title}`,
    '',
    '=== Deutsch ===',
    'Dieses Paket enthält freigegebene Dokumente, die Compliance-Matrix, Risiken, Prüfberichte, Nachweisdateien und',
    'den Ausschnitt der Audit-Kette zu diesen Datensätzen. manifest.json nennt jede Datei mit SHA-256 und Größe und ist',
    `mit dem Schlüssel der Organisation signiert (Ed25519, Schlüssel-ID ${keyId}; Signatur in manifest.sig, Base64).`,
    '',
    'Prüfen (nur Node.js 18+ nötig), im entpackten Ordner:  node verify.mjs',
    'Das Skript meldet jede geänderte, fehlende oder zusätzliche Datei, eine geänderte manifest.json und jedes',
    'veränderte Ereignis der Audit-Kette (mit Nummer) sowie den signierten Prüfpunkt (Checkpoint).',
    'Vergleichen Sie die ausgegebene Schlüssel-ID mit dem veröffentlichten Schlüssel Ihrer Organisation',
    '(`konform keys export`); wer das Paket fälscht, kann auch public-keys.pem und verify.mjs tauschen.',
    'Mit Konform: konform verify PAKET.zip (prüft mit den Schlüsseln aus der Datenbank oder --key DATEI.pem).',
    '',
    'Alternative mit OpenSSL 3 (nur die Signatur des Manifests):',
    '  openssl base64 -d -A -in manifest.sig -out manifest.sig.bin',
    '  openssl pkeyutl -verify -pubin -inkey public-keys.pem -rawin -in manifest.json -sigfile manifest.sig.bin',
    'Danach die Hashes der Dateien mit sha256sum (oder openssl dgst -sha256) gegen manifest.json vergleichen.',
    '',
    '=== English ===',
    'This package holds released documents, the compliance matrix, risks, lab reports, evidence files and the slice of',
    'the audit chain covering these records. manifest.json lists every file with its SHA-256 and size and is signed',
    `with the organisation's key (Ed25519, key id ${keyId}; signature in manifest.sig, base64).`,
    '',
    'To verify (needs only Node.js 18+), inside the extracted folder:  node verify.mjs',
    'The script names every changed, missing or added file, a changed manifest.json and every altered event of the',
    'audit chain (by its number), and checks the signed checkpoint.',
    "Compare the key id it prints with your organisation's published key (`konform keys export`): whoever forges a",
    'package can also replace public-keys.pem and verify.mjs.',
    'With Konform: konform verify PACKAGE.zip (uses the keys in the database, or --key FILE.pem).',
    '',
    'Alternative with OpenSSL 3 (the manifest signature only):',
    '  openssl base64 -d -A -in manifest.sig -out manifest.sig.bin',
    '  openssl pkeyutl -verify -pubin -inkey public-keys.pem -rawin -in manifest.json -sigfile manifest.sig.bin',
    'Then compare the files with the hashes in manifest.json using sha256sum (or openssl dgst -sha256).',
    '',
  ].join('\n');
}

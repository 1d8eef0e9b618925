import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStorage, signV4 } from '../../src/storage/s3-storage.js';

/** A local S3-compatible server (s3rver) on loopback, started by the test: the real protocol, signatures included. */
let server: S3rver;
let endpoint: string;
let work: string;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function storage(secretAccessKey = 'S3RVER', prefix = ''): S3ObjectStorage {
  return new S3ObjectStorage({ endpoint, bucket: 'konform', region: 'eu-central-1', accessKeyId: 'S3RVER', secretAccessKey, prefix }, path.join(work, 'staging'));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'konform-s3-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(work, 'store'), configureBuckets: [{ name: 'konform', configs: [] }] });
  const address = (await server.run()) as { port: number };
  endpoint = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

/** The request facts shared by the signing examples of the S3 API reference (empty body, their date and key pair). */
const AWS_EXAMPLE = {
  payloadSha256: createHash('sha256').update('').digest('hex'),
  date: new Date('2013-05-24T00:00:00Z'),
  region: 'us-east-1',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

describe('S3-compatible object storage', () => {
  it('stores an object under its SHA-256 on commit, serves it and knows it', async () => {
    const s = storage();
    const content = Buffer.from(`Prüfbericht ${'x'.repeat(100_000)}`);
    const staged = await s.put(Readable.from([content.subarray(0, 5000), content.subarray(5000)]));
    expect(staged.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(staged.size).toBe(content.length);
    // Nothing is visible before the commit.
    expect(await s.has(staged.sha256)).toBe(false);
    expect(await s.get(staged.sha256)).toBeUndefined();
    await staged.commit();
    await staged.commit();
    expect(await s.has(staged.sha256)).toBe(true);
    expect((await readAll((await s.get(staged.sha256))!)).equals(content)).toBe(true);
  });

  it('is shared: what one instance commits, another instance reads', async () => {
    const a = storage();
    const b = storage();
    const staged = await a.put(Readable.from([Buffer.from('geteilt zwischen Instanzen')]));
    await staged.commit();
    expect((await readAll((await b.get(staged.sha256))!)).toString()).toBe('geteilt zwischen Instanzen');
    // The same content committed again by the other instance is simply kept.
    const again = await b.put(Readable.from([Buffer.from('geteilt zwischen Instanzen')]));
    await again.commit();
    expect(again.sha256).toBe(staged.sha256);
  });

  it('keeps discarded uploads out of the store and refuses to commit them', async () => {
    const s = storage();
    const staged = await s.put(Readable.from([Buffer.from('verworfen')]));
    await staged.discard();
    await expect(staged.commit()).rejects.toThrow(/discarded/);
    expect(await s.has(staged.sha256)).toBe(false);
  });

  it('keeps objects of a prefix apart and answers unknown or malformed names with nothing', async () => {
    const plain = storage();
    const prefixed = storage('S3RVER', 'instanz-b/');
    const staged = await prefixed.put(Readable.from([Buffer.from('nur mit Präfix')]));
    await staged.commit();
    expect(await prefixed.has(staged.sha256)).toBe(true);
    expect(await plain.has(staged.sha256)).toBe(false);
    expect(await plain.get('0'.repeat(64))).toBeUndefined();
    expect(await plain.get('../etc/passwd')).toBeUndefined();
    expect(await plain.has('not-a-hash')).toBe(false);
  });

  it('signs requests as AWS Signature Version 4 specifies (the published GET Object example)', () => {
    // s3rver does not check V4 signatures, so the signing is checked against the example in the S3 API reference
    // ("Signature Calculations for the Authorization Header", GET Object with a Range header).
    const signed = signV4({
      method: 'GET',
      canonicalUri: '/test.txt',
      headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9' },
      ...AWS_EXAMPLE,
    });
    expect(signed.authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('signs a request with a query string as the published GET Bucket (list objects) example', () => {
    const signed = signV4({
      method: 'GET',
      canonicalUri: '/',
      query: { prefix: 'J', 'max-keys': '2' },
      headers: { host: 'examplebucket.s3.amazonaws.com' },
      ...AWS_EXAMPLE,
    });
    expect(signed.authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });

  it('lists every stored object once, page by page, within its prefix only', async () => {
    const mine = storage('S3RVER', 'liste/');
    const other = storage('S3RVER', 'andere/');
    const stored: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      const staged = await mine.put(Readable.from([Buffer.from(`Objekt ${n}`)]));
      await staged.commit();
      stored.push(staged.sha256);
    }
    await (await other.put(Readable.from([Buffer.from('fremdes Objekt')]))).commit();
    await mine.put(Readable.from([Buffer.from('nie bestätigt')])); // staged, never committed: not listed
    const listed: string[] = [];
    for await (const sha of mine.list(2)) listed.push(sha);
    expect(listed.sort()).toEqual([...stored].sort());
  });

  it('reports a store that refuses as an error instead of pretending the object is missing', async () => {
    const missingBucket = new S3ObjectStorage({ endpoint, bucket: 'kein-bucket', region: 'eu-central-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, path.join(work, 'staging'));
    const staged = await missingBucket.put(Readable.from([Buffer.from('ins Leere')]));
    await expect(staged.commit()).rejects.toThrow(/HTTP 404/);
  });
});

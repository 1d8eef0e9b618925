import { createHash, createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { SHA256_HEX, type ObjectStorage, type StagedObject } from './storage.js';
import { stageToFile } from './staging.js';

export interface S3Settings {
  /** The object store's base address, e.g. https://s3.example.org or http://127.0.0.1:9000 (path-style requests). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Put before every key, e.g. `konform/` when the bucket is shared. */
  prefix?: string;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 encoding as AWS Signature Version 4 wants it for a path segment. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Parameters sorted by encoded name, each name and value encoded as a segment: the form V4 signs and we send. */
export function canonicalQueryString(query: Record<string, string> | undefined): string {
  return Object.entries(query ?? {})
    .map(([k, v]) => [encodeSegment(k), encodeSegment(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export interface SignInput {
  method: string;
  /** The encoded path, e.g. `/bucket/objects/ab/cd/<sha256>`. */
  canonicalUri: string;
  /** Query parameters (unencoded), e.g. of a list request. */
  query?: Record<string, string>;
  /** Headers to sign; `host` must be among them. */
  headers: Record<string, string>;
  payloadSha256: string;
  date: Date;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * AWS Signature Version 4 for S3 (header form): answers the headers to send, lower-cased, with
 * `x-amz-date`, `x-amz-content-sha256` and `authorization` added.
 */
export function signV4(input: SignInput): Record<string, string> {
  const amzDate = input.date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...input.headers, 'x-amz-content-sha256': input.payloadSha256, 'x-amz-date': amzDate })) headers[k.toLowerCase()] = v.trim();
  const names = Object.keys(headers).sort();
  const canonicalQuery = canonicalQueryString(input.query);
  const canonicalRequest = [input.method, input.canonicalUri, canonicalQuery, ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), input.payloadSha256].join('\n');
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}

/**
 * Evidence files in an S3-compatible object store, so that several Konform instances share them. Objects are named
 * by their SHA-256 like on the local disk (`<prefix>objects/ab/cd/<sha256>`); uploads are staged in a local temporary
 * file while hashing and sent on commit with the hash as the signed payload hash, so the store itself rejects a
 * corrupted transfer. Requests are signed with AWS Signature Version 4; no SDK, nothing but this store is contacted.
 */
export class S3ObjectStorage implements ObjectStorage {
  private readonly base: URL;

  constructor(
    private readonly settings: S3Settings,
    /** Where uploads wait until they are committed (local disk of this instance). */
    private readonly stagingDir: string,
  ) {
    this.base = new URL(settings.endpoint);
    if (this.base.protocol !== 'https:' && this.base.protocol !== 'http:') throw new Error('The S3 endpoint must be an http(s) address');
  }

  key(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error('Not a SHA-256 hex digest');
    return `${this.settings.prefix ?? ''}objects/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async put(source: Readable): Promise<StagedObject> {
    const { file: tmp, sha256, size } = await stageToFile(source, this.stagingDir);
    let state: 'staged' | 'committed' | 'discarded' = 'staged';
    return {
      sha256,
      size,
      commit: async () => {
        if (state === 'committed') return;
        if (state === 'discarded') throw new Error('The staged object was discarded');
        if (!(await this.has(sha256))) {
          const response = await this.request('PUT', this.key(sha256), sha256, { 'content-length': String(size), 'content-type': 'application/octet-stream' }, createReadStream(tmp));
          if (!response.ok) throw new Error(`The object store refused the upload: HTTP ${response.status}`);
          await response.body?.cancel();
        }
        state = 'committed';
        await unlink(tmp).catch(() => undefined);
      },
      discard: async () => {
        if (state !== 'staged') return;
        state = 'discarded';
        await unlink(tmp).catch(() => undefined);
      },
    };
  }

  async get(sha256: string): Promise<Readable | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    const response = await this.request('GET', this.key(sha256), EMPTY_SHA256);
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok || !response.body) throw new Error(`The object store answered HTTP ${response.status}`);
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    const response = await this.request('HEAD', this.key(sha256), EMPTY_SHA256);
    await response.body?.cancel();
    if (response.status === 404) return false;
    if (!response.ok) throw new Error(`The object store answered HTTP ${response.status}`);
    return true;
  }

  /**
   * Lists `<prefix>objects/` page by page and answers the hashes. ListObjects version 1 with `marker` = the last key of
   * the page before: every S3-compatible store has it (version 2's continuation tokens fail in some, s3rver included).
   */
  async *list(pageSize = 1000): AsyncIterable<string> {
    let marker: string | undefined;
    for (;;) {
      const query: Record<string, string> = { 'max-keys': String(pageSize), prefix: `${this.settings.prefix ?? ''}objects/`, ...(marker === undefined ? {} : { marker }) };
      const response = await this.request('GET', null, EMPTY_SHA256, {}, undefined, query);
      if (!response.ok) throw new Error(`The object store refused to list the objects: HTTP ${response.status}`);
      const xml = await response.text();
      const keys = [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map(([, key]) => key!);
      for (const key of keys) {
        const name = key.slice(key.lastIndexOf('/') + 1);
        if (SHA256_HEX.test(name)) yield name;
      }
      if (!/<IsTruncated>true<\/IsTruncated>/.test(xml) || keys.length === 0) return;
      marker = keys[keys.length - 1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    }
  }

  /** One signed path-style request: `<endpoint>/<bucket>/<key>`, or the bucket itself when key is null. */
  private async request(method: string, key: string | null, payloadSha256: string, extra: Record<string, string> = {}, body?: Readable, query?: Record<string, string>): Promise<Response> {
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const canonicalUri = `${basePath}/${[this.settings.bucket, ...(key === null ? [] : key.split('/'))].map(encodeSegment).join('/')}`;
    const queryString = canonicalQueryString(query);
    const lowered = signV4({
      method, canonicalUri, query, payloadSha256, date: new Date(), region: this.settings.region,
      accessKeyId: this.settings.accessKeyId, secretAccessKey: this.settings.secretAccessKey,
      headers: { host: this.base.host, ...extra },
    });
    const { host: _host, ...sent } = lowered;
    return fetch(new URL(`${canonicalUri}${queryString ? `?${queryString}` : ''}`, this.base), {
      method,
      headers: sent,
      body: body ? (Readable.toWeb(body)) : undefined,
      redirect: 'error',
      ...(body ? { duplex: 'half' } : {}),
    });
  }
}

// A minimal POSIX ustar writer and reader for backup archives: regular files only, names up to 100 bytes (the
// archive's own names are short and ASCII), streamed so that a large database never sits in memory whole.
import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtime: Date): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100 || !/^[\x20-\x7e]+$/.test(name)) throw new Error(`Archive entry name not allowed: ${name}`);
  const block = Buffer.alloc(BLOCK, 0);
  nameBytes.copy(block, 0);
  block.write(octal(0o600, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7), 148, 'ascii');
  return block;
}

function write(out: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

/** Writes tar entries one after another to a stream (wrap it in gzip for a .tar.gz). */
export class TarWriter {
  constructor(private readonly out: Writable) {}

  async addBuffer(name: string, content: Buffer, mtime = new Date()): Promise<void> {
    await write(this.out, header(name, content.length, mtime));
    await write(this.out, content);
    await this.pad(content.length);
  }

  /** Adds a file from disk; `size` must be its size (checked while copying). */
  async addFile(name: string, file: string, size: number, mtime = new Date()): Promise<void> {
    await write(this.out, header(name, size, mtime));
    let copied = 0;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      copied += chunk.length;
      if (copied > size) throw new Error(`${file} grew while it was archived`);
      await write(this.out, chunk);
    }
    if (copied !== size) throw new Error(`${file} shrank while it was archived`);
    await this.pad(size);
  }

  /** Two zero blocks end the archive; the caller ends the stream. */
  async finish(): Promise<void> {
    await write(this.out, Buffer.alloc(BLOCK * 2, 0));
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest !== 0) await write(this.out, Buffer.alloc(BLOCK - rest, 0));
  }
}

export interface TarEntry {
  name: string;
  size: number;
}

/**
 * Reads a tar stream entry by entry; `onEntry` receives each entry's content as chunks through `sink` and must
 * consume them in order. Anything but regular files, and a malformed header, stop the reading with an error.
 */
export async function readTar(source: Readable, onEntry: (entry: TarEntry) => { write(chunk: Buffer): void | Promise<void>; end(): Promise<void> }): Promise<void> {
  let buffered: Buffer = Buffer.alloc(0);
  let current: { entry: TarEntry; remaining: number; padding: number; sink: ReturnType<typeof onEntry> } | null = null;
  let ended = false;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    for (;;) {
      if (ended) break;
      if (current) {
        if (current.remaining > 0) {
          if (buffered.length === 0) break;
          const take = Math.min(current.remaining, buffered.length);
          await current.sink.write(buffered.subarray(0, take));
          buffered = buffered.subarray(take);
          current.remaining -= take;
          if (current.remaining > 0) break;
        }
        if (buffered.length < current.padding) break;
        buffered = buffered.subarray(current.padding);
        await current.sink.end();
        current = null;
        continue;
      }
      if (buffered.length < BLOCK) break;
      const block = buffered.subarray(0, BLOCK);
      buffered = buffered.subarray(BLOCK);
      if (block.every((b) => b === 0)) {
        ended = true;
        break;
      }
      const entry = parseHeader(block);
      const rest = entry.size % BLOCK;
      current = { entry, remaining: entry.size, padding: rest === 0 ? 0 : BLOCK - rest, sink: onEntry(entry) };
      if (entry.size === 0 && current.padding === 0) {
        await current.sink.end();
        current = null;
      }
    }
  }
  if (current || !ended) throw new Error('The archive is truncated');
}

function parseHeader(block: Buffer): TarEntry {
  const stored = parseInt(block.toString('ascii', 148, 156).replace(/\0.*$/, '').trim(), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  if (!Number.isFinite(stored) || stored !== sum) throw new Error('The archive has a damaged entry header');
  const type = block.toString('ascii', 156, 157);
  if (type !== '0' && type !== '\0') throw new Error('The archive holds an entry that is not a regular file');
  const name = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
  const size = parseInt(block.toString('ascii', 124, 136).replace(/\0.*$/, '').trim(), 8);
  if (!name || !Number.isSafeInteger(size) || size < 0) throw new Error('The archive has a damaged entry header');
  return { name, size };
}

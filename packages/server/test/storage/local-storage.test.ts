import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalFileStorage } from '../../src/storage/local-storage.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storage(): LocalFileStorage {
  const dir = mkdtempSync(path.join(tmpdir(), 'konform-storage-'));
  dirs.push(dir);
  return new LocalFileStorage(dir);
}

describe('local file storage', () => {
  it('lists every committed object once, and nothing staged or stray', async () => {
    const s = storage();
    const shas: string[] = [];
    for (const text of ['Prüfbericht', 'Modellkarte', 'Datenblatt']) {
      const staged = await s.put(Readable.from([Buffer.from(text)]));
      await staged.commit();
      shas.push(staged.sha256);
    }
    await s.put(Readable.from([Buffer.from('nie bestätigt')]));
    writeFileSync(path.join(path.dirname(s.objectPath(shas[0]!)), 'notiz.txt'), 'kein Objekt');
    const listed: string[] = [];
    for await (const sha of s.list()) listed.push(sha);
    expect(listed.sort()).toEqual([...shas].sort());
  });

  it('removes only stale unfinished uploads on start, and keeps committed objects', async () => {
    const s = storage();
    expect(await s.sweepStaleUploads()).toBe(0); // no tmp directory yet

    const committed = await s.put(Readable.from([Buffer.from('Prüfbericht')]));
    await committed.commit();
    mkdirSync(s.tmpDir, { recursive: true });
    const stale = path.join(s.tmpDir, 'dead-process.part');
    const fresh = path.join(s.tmpDir, 'running-upload.part');
    const other = path.join(s.tmpDir, 'notes.txt');
    for (const file of [stale, fresh, other]) writeFileSync(file, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    utimesSync(other, twoHoursAgo, twoHoursAgo);

    expect(await s.sweepStaleUploads()).toBe(1);
    expect(readdirSync(s.tmpDir).sort()).toEqual(['notes.txt', 'running-upload.part']);
    expect(await s.has(committed.sha256)).toBe(true);
    // An hour later the other one is stale too.
    expect(await s.sweepStaleUploads(Date.now() + 2 * 3_600_000)).toBe(1);
    expect(readdirSync(s.tmpDir)).toEqual(['notes.txt']);
  });
});

import { describe, expect, it } from 'vitest';
import { contentDisposition, ruleFor, safeFilename } from './content-check.js';

describe('evidence file names', () => {
  it('keeps the name but drops directories, control and direction-override characters', () => {
    expect(safeFilename('C:\\Users\\x\\Bericht.pdf')).toBe('Bericht.pdf');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    // U+202E would display "Rechnung\u202Efdp.exe" as "Rechnungexe.pdf".
    expect(safeFilename('Rechnung\u202Efdp.exe')).toBe('Rechnungfdp.exe');
    expect(safeFilename('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(safeFilename('')).toBe('file');
    expect(safeFilename('..')).toBe('file');
    const long = safeFilename(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('offers downloads as attachments with an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Prüfbericht "Q3"; 100%.pdf')).toBe(`attachment; filename="Pr_fbericht _Q3__ 100_.pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%22Q3%22%3B%20100%25.pdf`);
    expect(contentDisposition("it's (1).txt")).toBe(`attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`);
  });

  it('knows types by extension, case-insensitively, and refuses the rest with 415 on the field file', () => {
    expect(ruleFor('A.PDF').contentType).toBe('application/pdf');
    expect(ruleFor('notes.md').kind).toBe('text');
    for (const name of ['setup.exe', 'script.sh', 'archive.zip', 'macro.docm', 'noextension', '.pdf']) {
      expect(() => ruleFor(name), name).toThrow(expect.objectContaining({ status: 415, errors: [expect.objectContaining({ path: 'file' })] }));
    }
  });
});

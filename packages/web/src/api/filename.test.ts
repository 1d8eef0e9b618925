import { describe, expect, it } from 'vitest';
import { filenameOf } from './client';

describe('filenameOf', () => {
  it('prefers the RFC 5987 name and falls back to the plain one', () => {
    expect(filenameOf(`attachment; filename="Bescheidpr_fung.cdx.json"; filename*=UTF-8''Bescheidpr%C3%BCfung.cdx.json`)).toBe('Bescheidprüfung.cdx.json');
    expect(filenameOf('attachment; filename="audit-results.json"')).toBe('audit-results.json');
    expect(filenameOf(`attachment; filename="a.json"; filename*=UTF-8''%E0%A4%A`)).toBe('a.json');
    expect(filenameOf(null)).toBeNull();
    expect(filenameOf('inline')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { badgeText, relativeTime, safeAppLink } from './notification-display';

describe('safeAppLink', () => {
  it('accepts app-relative paths', () => {
    expect(safeAppLink('/risks/abc')).toBe('/risks/abc');
    expect(safeAppLink(' /evidence/1 ')).toBe('/evidence/1');
  });
  it('refuses missing, absolute, protocol-relative and script links', () => {
    expect(safeAppLink(null)).toBeNull();
    expect(safeAppLink('https://evil.example/')).toBeNull();
    expect(safeAppLink('//evil.example/')).toBeNull();
    expect(safeAppLink('/\\evil.example')).toBeNull();
    expect(safeAppLink('javascript:alert(1)')).toBeNull();
  });
});

describe('badgeText', () => {
  it('hides zero and caps at 99+', () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(3)).toBe('3');
    expect(badgeText(120)).toBe('99+');
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('formats in the UI language', () => {
    expect(relativeTime('2026-12-01T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(relativeTime('2026-12-01T09:00:00Z', now, 'de')).toBe('vor 3 Stunden');
    expect(relativeTime('2026-11-30T12:00:00Z', now, 'en')).toBe('yesterday');
  });
  it('says now for under a minute', () => {
    expect(relativeTime('2026-12-01T11:59:50Z', now, 'en')).toBe('now');
  });
});

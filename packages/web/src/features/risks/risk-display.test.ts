import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_MATRIX } from '@konform/core';
import { cellParam, contrastRatio, DARK_TEXT, LIGHT_TEXT, parseCell, stepLabel, textColorOn } from './risk-display';

describe('heat-map cell filter', () => {
  it('writes and reads the cell parameter the API takes', () => {
    expect(cellParam({ kind: 'inherent', likelihood: 4, impact: 5 })).toBe('inherent:4-5');
    expect(parseCell('residual:2-10')).toEqual({ kind: 'residual', likelihood: 2, impact: 10 });
    expect(parseCell(cellParam({ kind: 'residual', likelihood: 1, impact: 3 }))).toEqual({ kind: 'residual', likelihood: 1, impact: 3 });
  });

  it('ignores missing and malformed values', () => {
    for (const value of [null, undefined, '', 'inherent', 'inherent:4', 'gross:1-1', 'inherent:0-2', 'inherent:1-123', ' inherent:1-1']) {
      expect(parseCell(value), String(value)).toBeNull();
    }
  });
});

describe('stepLabel', () => {
  it('names a step in the UI language and falls back to the number', () => {
    expect(stepLabel(DEFAULT_RISK_MATRIX.likelihood, 4, 'de')).toBe('hoch');
    expect(stepLabel(DEFAULT_RISK_MATRIX.impact, 5, 'en')).toBe('very high');
    expect(stepLabel(DEFAULT_RISK_MATRIX.impact, 7, 'de')).toBe('7');
    expect(stepLabel(DEFAULT_RISK_MATRIX.impact, null, 'de')).toBeNull();
  });
});

describe('text on level colours', () => {
  it('uses dark text on every colour of the default matrix, at AA contrast', () => {
    for (const level of DEFAULT_RISK_MATRIX.levels) {
      expect(textColorOn(level.color), level.id).toBe(DARK_TEXT);
      expect(contrastRatio(level.color, DARK_TEXT), level.id).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('switches to light text on a dark colour an organisation may choose', () => {
    expect(textColorOn('#1b3a6b')).toBe(LIGHT_TEXT);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(textColorOn('not a colour')).toBe(DARK_TEXT);
  });
});

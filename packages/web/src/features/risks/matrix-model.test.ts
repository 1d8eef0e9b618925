import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_MATRIX, levelOf, type RiskMatrixConfig } from '@konform/core';
import { addLevel, matrixIssues, removeLevel, resizeScale, serverIssues, setCell, setStepLabel, updateLevel } from './matrix-model';

const base = (): RiskMatrixConfig => structuredClone(DEFAULT_RISK_MATRIX);

describe('editing a risk matrix', () => {
  it('shrinks and grows the likelihood scale with its rows of cells, keeping labels and a valid grid', () => {
    const four = resizeScale(base(), 'likelihood', 4);
    expect(four.likelihood.map((s) => s.label.de)).toEqual(['sehr gering', 'gering', 'mittel', 'hoch']);
    expect(four.cells).toHaveLength(4);
    const six = resizeScale(four, 'likelihood', 6);
    expect(six.likelihood.map((s) => s.value)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(six.likelihood[5]!.label).toEqual({ de: 'Stufe 6', en: 'Level 6' });
    expect(six.cells[5]).toEqual(six.cells[3]);
    expect(matrixIssues(six)).toEqual([]);
  });

  it('grows the impact scale column by column and clamps to 2–10 steps', () => {
    const seven = resizeScale(base(), 'impact', 7);
    expect(seven.cells.every((row) => row.length === 7)).toBe(true);
    expect(seven.cells[4]![6]).toBe('sehr-hoch');
    expect(resizeScale(base(), 'impact', 1).impact).toHaveLength(2);
    expect(resizeScale(base(), 'impact', 42).impact).toHaveLength(10);
    expect(matrixIssues(seven)).toEqual([]);
  });

  it('adds a level with a unique id and the next rank, and removes one, moving its cells to the nearest rank', () => {
    const five = addLevel(base());
    expect(five.levels.at(-1)).toMatchObject({ id: 'niveau-5', rank: 5 });
    expect(matrixIssues(five)).toEqual([]);
    const withoutHigh = removeLevel(base(), 2);
    expect(withoutHigh.levels.map((l) => l.id)).toEqual(['niedrig', 'mittel', 'sehr-hoch']);
    expect(withoutHigh.cells.flat()).not.toContain('hoch');
    expect(levelOf(withoutHigh, 4, 4)?.id).toBe('mittel');
    const two = removeLevel(removeLevel(withoutHigh, 0), 0);
    expect(two.levels).toHaveLength(2);
    expect(removeLevel(two, 0).levels).toHaveLength(2);
  });

  it('renames a level id across its cells, sets single cells and labels', () => {
    const renamed = updateLevel(base(), 0, { ...base().levels[0]!, id: 'gering' });
    expect(renamed.cells[0]![0]).toBe('gering');
    expect(renamed.cells.flat()).not.toContain('niedrig');
    const cell = setCell(base(), 5, 1, 'sehr-hoch');
    expect(levelOf(cell, 5, 1)?.id).toBe('sehr-hoch');
    expect(levelOf(cell, 4, 1)?.id).toBe('niedrig');
    expect(setStepLabel(base(), 'impact', 0, 'en', 'negligible').impact[0]!.label).toEqual({ de: 'sehr gering', en: 'negligible' });
  });

  it('reports issues with the paths the server uses, and reads server paths', () => {
    const bad = base();
    bad.levels[1]!.rank = 1;
    bad.cells[0]![0] = 'kritisch';
    bad.impact[2]!.label.de = ' ';
    expect(matrixIssues(bad).map((i) => i.path).sort()).toEqual(['cells.0.0', 'impact.2.label.de', 'levels.1.rank']);
    expect(serverIssues([{ path: 'config.cells.0', message: 'One cell per impact step: expected 5' }, { path: 'reason', message: 'Too long' }])).toEqual([
      { path: 'cells.0', message: 'One cell per impact step: expected 5' },
      { path: 'reason', message: 'Too long' },
    ]);
  });
});

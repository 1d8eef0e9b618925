import { describe, expect, it } from 'vitest';
import { TIMELINE_GROUPS, timelineDate } from '@konform/core';
import { TEST_TIMELINE } from '../../../core/src/classification/test-timeline.js';
import { loadEuAiActCatalogs } from './eu-ai-act.js';

describe('shipped EU AI Act timeline', () => {
  it('carries the same dates the classification rules are tested with, for every group and act', () => {
    const { timeline } = loadEuAiActCatalogs();
    expect(timeline.defaultAct).toBe('amended-2026');
    for (const act of ['published-2024', 'amended-2026']) {
      for (const group of TIMELINE_GROUPS) {
        const shipped = timelineDate(timeline, act, group);
        const tested = timelineDate(TEST_TIMELINE, act, group);
        expect({ group, act, from: shipped?.from, placedBefore: shipped?.placedBefore }).toEqual({ group, act, from: tested?.from, placedBefore: tested?.placedBefore });
      }
    }
  });
});

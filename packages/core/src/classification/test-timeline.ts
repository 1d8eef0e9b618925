import type { Timeline } from './timeline.js';
import { TIMELINE_GROUPS } from './timeline.js';

/** A timeline with the Act's dates as published and as amended, for rule tests independent of the shipped file. */
const dates: Record<string, [published: string | null, amended: string | null, placedBefore?: string]> = {
  prohibitions: ['2025-02-02', '2025-02-02'],
  'prohibition-ncii': [null, '2026-12-02'],
  'ai-literacy': ['2025-02-02', '2025-02-02'],
  gpai: ['2025-08-02', '2025-08-02'],
  'gpai-legacy': ['2027-08-02', '2027-08-02', '2025-08-02'],
  'annex-iii-high-risk': ['2026-08-02', '2027-12-02'],
  'annex-i-high-risk': ['2027-08-02', '2028-08-02'],
  'public-authority-legacy': ['2030-08-02', '2030-08-02', '2026-08-02'],
  'registration-6-3': ['2026-08-02', '2027-12-02'],
  transparency: ['2026-08-02', '2026-08-02'],
  'transparency-50-2-legacy': ['2026-08-02', '2026-12-02', '2026-08-02'],
};

export const TEST_TIMELINE: Timeline = {
  id: 'test',
  version: '1',
  title: { de: 'Test', en: 'Test' },
  defaultAct: 'amended-2026',
  acts: [
    { id: 'published-2024', title: { de: 'veröffentlicht', en: 'published' }, reference: 'Regulation (EU) 2024/1689', certainty: 'V', source: 'test' },
    { id: 'amended-2026', title: { de: 'geändert', en: 'amended' }, reference: 'Regulation (EU) 2026/1744', certainty: 'S', source: 'test' },
  ],
  groups: TIMELINE_GROUPS.map((id) => {
    const [published, amended, placedBefore] = dates[id]!;
    const entry = (from: string | null) => ({ from, ref: 'test', certainty: 'V' as const, source: 'test', ...(placedBefore ? { placedBefore } : {}) });
    return { id, title: { de: id, en: id }, dates: { 'published-2024': entry(published), 'amended-2026': entry(amended) } };
  }),
};

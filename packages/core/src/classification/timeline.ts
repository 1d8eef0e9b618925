import { z } from 'zod';

const IsoDate = z.iso.date();
const Text = z.object({ de: z.string().min(1), en: z.string().min(1) });
/** How sure a date is, as marked in the reference: verified, secondary sources, unverified. */
export const Certainty = z.enum(['V', 'S', 'U']);

export const TimelineDate = z.strictObject({
  /** From when the group applies under this act; null where the act has no such obligation. */
  from: IsoDate.nullable(),
  /** For transitional groups: applies to systems or models placed on the market before this date. */
  placedBefore: IsoDate.optional(),
  ref: z.string().min(1),
  certainty: Certainty,
  source: z.string().min(1),
});
export type TimelineDate = z.infer<typeof TimelineDate>;

export const TimelineAct = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: Text,
  reference: z.string().min(1),
  certainty: Certainty,
  source: z.string().min(1),
});

export const TimelineGroup = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: Text,
  dates: z.record(z.string(), TimelineDate),
});
export type TimelineGroup = z.infer<typeof TimelineGroup>;

/** catalogs/eu-ai-act/timeline.yaml: the dates from which each group of obligations applies, per legal act. */
export const Timeline = z
  .strictObject({
    id: z.string(),
    version: z.string(),
    title: Text,
    defaultAct: z.string(),
    acts: z.array(TimelineAct).min(1),
    groups: z.array(TimelineGroup).min(1),
  })
  .superRefine((t, ctx) => {
    const acts = new Set(t.acts.map((a) => a.id));
    if (!acts.has(t.defaultAct)) ctx.addIssue({ code: 'custom', path: ['defaultAct'], message: `Unknown act ${t.defaultAct}` });
    t.groups.forEach((g, i) => {
      for (const act of acts) {
        if (!(act in g.dates)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'dates'], message: `Group ${g.id} has no entry for act ${act}` });
      }
      for (const key of Object.keys(g.dates)) {
        if (!acts.has(key)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'dates', key], message: `Unknown act ${key}` });
      }
    });
  });
export type Timeline = z.infer<typeof Timeline>;

/** The obligation groups the classification rules date their obligations from; the timeline must define each. */
export const TIMELINE_GROUPS = [
  'prohibitions', // Art. 5(1)(a)–(h)
  'prohibition-ncii', // the 2026 amendment's new prohibition
  'ai-literacy', // Art. 4
  'gpai', // Chapter V
  'gpai-legacy', // Art. 111(3): GPAI models placed before the GPAI date
  'annex-iii-high-risk', // Art. 6(2) systems
  'annex-i-high-risk', // Art. 6(1) systems
  'public-authority-legacy', // Art. 111(2): high-risk systems for public authorities placed before the cut-off
  'registration-6-3', // Art. 49(2): registration of Art. 6(3) "not high-risk" conclusions
  'transparency', // Art. 50
  'transparency-50-2-legacy', // Art. 50(2) grace for systems placed before the cut-off
] as const;
export type TimelineGroupId = (typeof TIMELINE_GROUPS)[number];

/** The date entry of a group under an act, or null when the timeline has none. */
export function timelineDate(timeline: Timeline, act: string, group: TimelineGroupId): TimelineDate | null {
  return timeline.groups.find((g) => g.id === group)?.dates[act] ?? null;
}

import { z } from 'zod';
import { Role } from '../permissions.js';

const Text = z.strictObject({ de: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
const LevelId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'Lower-case letters, digits and hyphens').max(40);

/** One step of a scale (likelihood or impact), value 1 = lowest. */
export const RiskScaleStep = z.strictObject({ value: z.number().int().min(1).max(10), label: Text });
export type RiskScaleStep = z.infer<typeof RiskScaleStep>;

/** Who may accept a risk of this level: `signatures` distinct people holding one of `roles` (or a deputy role). */
export const RiskAcceptanceRule = z.strictObject({
  roles: z.array(Role).min(1),
  signatures: z.number().int().min(1).max(5),
  /** Roles that may sign in place of the primary roles (deputies). */
  deputies: z.array(Role).default([]),
});
export type RiskAcceptanceRule = z.infer<typeof RiskAcceptanceRule>;

export const RiskLevel = z.strictObject({
  id: LevelId,
  label: Text,
  /** A colour for the heat map, `#rrggbb`. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** Order of severity: 1 = the least severe level. */
  rank: z.number().int().min(1).max(10),
  acceptance: RiskAcceptanceRule,
});
export type RiskLevel = z.infer<typeof RiskLevel>;

/**
 * The organisation's risk matrix: the likelihood and impact scales, the levels, and for each cell its level
 * (`cells[likelihood - 1][impact - 1]`).
 */
export const RiskMatrixConfig = z
  .strictObject({
    likelihood: z.array(RiskScaleStep).min(2).max(10),
    impact: z.array(RiskScaleStep).min(2).max(10),
    levels: z.array(RiskLevel).min(2).max(8),
    cells: z.array(z.array(LevelId)),
  })
  .superRefine((m, ctx) => {
    for (const axis of ['likelihood', 'impact'] as const) {
      m[axis].forEach((step, i) => {
        if (step.value !== i + 1) ctx.addIssue({ code: 'custom', path: [axis, i, 'value'], message: `Steps are numbered 1…n in order; expected ${i + 1}` });
      });
    }
    const ids = new Set<string>();
    const ranks = new Set<number>();
    m.levels.forEach((l, i) => {
      if (ids.has(l.id)) ctx.addIssue({ code: 'custom', path: ['levels', i, 'id'], message: `Duplicate level ${l.id}` });
      if (ranks.has(l.rank)) ctx.addIssue({ code: 'custom', path: ['levels', i, 'rank'], message: `Duplicate rank ${l.rank}` });
      ids.add(l.id);
      ranks.add(l.rank);
    });
    if (m.cells.length !== m.likelihood.length) ctx.addIssue({ code: 'custom', path: ['cells'], message: `One row per likelihood step: expected ${m.likelihood.length}` });
    m.cells.forEach((row, i) => {
      if (row.length !== m.impact.length) ctx.addIssue({ code: 'custom', path: ['cells', i], message: `One cell per impact step: expected ${m.impact.length}` });
      row.forEach((level, j) => {
        if (!ids.has(level)) ctx.addIssue({ code: 'custom', path: ['cells', i, j], message: `Unknown level ${level}` });
      });
    });
  });
export type RiskMatrixConfig = z.infer<typeof RiskMatrixConfig>;
export type RiskMatrixConfigInput = z.input<typeof RiskMatrixConfig>;

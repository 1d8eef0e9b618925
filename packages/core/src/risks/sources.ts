import { z } from 'zod';

const Text = z.strictObject({ de: z.string().trim().min(1), en: z.string().trim().min(1) });

/** Where a risk source comes from. */
export const RISK_SOURCE_FRAMEWORKS = ['iso-23894', 'owasp-llm-2025', 'mitre-atlas', 'ai-harm'] as const;
export const RiskSourceFramework = z.enum(RISK_SOURCE_FRAMEWORKS);

/** One risk source: an ISO/IEC 23894 Annex B source, an OWASP LLM Top 10 entry, an ATLAS tactic or an AI-specific harm. */
export const RiskSource = z.strictObject({
  /** Stable id, e.g. `owasp-llm01`, `atlas-ta0004`, `iso23894-b5`, `harm-automation-bias`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  framework: RiskSourceFramework,
  /** The official identifier as printed, e.g. `LLM01:2025`, `AML.TA0004`, `B.5`; a Konform id for harms. */
  ref: z.string().min(1),
  title: Text,
  /** Konform's own summary. */
  description: Text,
});
export type RiskSource = z.infer<typeof RiskSource>;

/** catalogs/risk-sources/risk-sources.yaml */
export const RiskSourceCatalog = z
  .strictObject({
    id: z.literal('risk-sources'),
    version: z.string().min(1),
    title: Text,
    frameworks: z.array(z.strictObject({ id: RiskSourceFramework, title: Text, version: z.string().min(1), licence: z.string().min(1), source: z.string().min(1) })),
    sources: z.array(RiskSource).min(1),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.sources.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `Duplicate risk source ${s.id}` });
      seen.add(s.id);
    });
  });
export type RiskSourceCatalog = z.infer<typeof RiskSourceCatalog>;

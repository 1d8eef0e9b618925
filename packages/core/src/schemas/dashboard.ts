import { z } from 'zod';
import { Id, Timestamp, listOf } from './common.js';
import { LifecycleStage } from './systems.js';

const IsoDate = z.iso.date();
const Count = z.number().int().min(0);
const Localised = z.object({ de: z.string(), en: z.string() });

// ---------------------------------------------------------------------------------------------------------------
// Leadership dashboard (#9 point 6): the portfolio in figures, aggregated in the database.
// ---------------------------------------------------------------------------------------------------------------

/** GET /api/dashboard. */
export const DashboardQuery = z.strictObject({
  /** Limit to a unit and its sub-units. */
  orgUnitId: Id.optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** A system's risk class as the inventory keeps it; `unclassified` when it has no classification yet. */
export const DashboardRiskClass = z.enum(['prohibited', 'high', 'limited', 'minimal', 'out-of-scope', 'unclassified']);
export type DashboardRiskClass = z.infer<typeof DashboardRiskClass>;

/** Stored requirement rows by status (rows nobody has touched yet are not stored and not counted). */
export const DashboardProgressCounts = z.object({
  open: Count,
  inProgress: Count,
  implemented: Count,
  verified: Count,
  notApplicable: Count,
  /** open + in progress + implemented + verified (not applicable left out). */
  relevant: Count,
  /** implemented + verified. */
  done: Count,
  /** done / relevant in whole percent, rounded down; null when nothing is relevant. */
  percent: z.number().int().min(0).max(100).nullable(),
});
export type DashboardProgressCounts = z.infer<typeof DashboardProgressCounts>;

export const DashboardCatalogProgress = DashboardProgressCounts.extend({ catalogId: z.string(), title: Localised });
export type DashboardCatalogProgress = z.infer<typeof DashboardCatalogProgress>;

export const DashboardUnitProgress = DashboardProgressCounts.extend({ orgUnitId: Id, name: z.string() });
export type DashboardUnitProgress = z.infer<typeof DashboardUnitProgress>;

/** A legal date of the EU AI Act's timeline and how many high-risk systems of the route it concerns are not ready. */
export const DashboardLegalDate = z.object({
  /** The timeline group, e.g. `annex-iii-high-risk`. */
  groupId: z.string(),
  title: Localised,
  /** From when the group's obligations apply under the act in force. */
  date: IsoDate,
  past: z.boolean(),
  /** High-risk systems on this route (active, classified high). */
  systems: Count,
  /** Of those, not ready (see `notReadyRule`). */
  notReady: Count,
  /** "Annex III obligations apply from 2 December 2027: 4 systems not ready". */
  label: Localised,
});
export type DashboardLegalDate = z.infer<typeof DashboardLegalDate>;

export const LabGateStatusName = z.enum(['open', 'released', 'invalidated', 'superseded', 'withdrawn']);

/**
 * What runs after release (#10): serious incidents with a deadline still running (the earliest first), post-market
 * monitoring, conformity assessments and changes, and audits. Reports stored before these figures existed read as zeros.
 */
export const DashboardOperations = z.object({
  incidents: z.object({
    running: Count,
    overdue: Count,
    next: z.array(z.object({ incidentId: Id, ref: z.string(), title: z.string(), systemName: z.string(), duty: z.string(), dueAt: Timestamp })),
  }),
  monitoring: z.object({ activePlans: Count, breachesLast30Days: Count, overdueIndicators: Count }),
  assessments: z.object({ inProgress: Count, completed: Count, reopened: Count, certificatesExpiring: Count, certificatesExpired: Count, changesAwaitingAssessment: Count }),
  audits: z.object({ inProgress: Count, openFindings: Count }),
});
export type DashboardOperations = z.infer<typeof DashboardOperations>;

export const EMPTY_OPERATIONS: DashboardOperations = {
  incidents: { running: 0, overdue: 0, next: [] },
  monitoring: { activePlans: 0, breachesLast30Days: 0, overdueIndicators: 0 },
  assessments: { inProgress: 0, completed: 0, reopened: 0, certificatesExpiring: 0, certificatesExpired: 0, changesAwaitingAssessment: 0 },
  audits: { inProgress: 0, openFindings: 0 },
};

export const Dashboard = z.object({
  /** Today in Europe/Berlin: the day the figures speak for. */
  asOf: IsoDate,
  /** The chosen unit (with its sub-units); null: every unit the reader reaches. */
  orgUnitId: Id.nullable(),
  orgUnitName: z.string().nullable(),
  /** The AI Act version whose dates apply. */
  actInForce: z.string(),
  systems: z.object({
    /** Active (not archived) systems. */
    total: Count,
    byRiskClass: z.array(z.object({ riskClass: DashboardRiskClass, count: Count })),
    byStage: z.array(z.object({ stage: LifecycleStage, count: Count })),
  }),
  progress: z.object({
    /** How progress is computed: from stored requirement rows (see the guide). */
    basis: z.literal('stored-rows'),
    catalogs: z.array(DashboardCatalogProgress),
    units: z.array(DashboardUnitProgress),
  }),
  /** Risks not closed whose current level (residual, else inherent) is one of the matrix's two highest levels. */
  openHighRisks: z.object({ total: Count, byLevel: z.array(z.object({ level: z.string(), label: Localised, count: Count })) }),
  /** Tasks not done or cancelled whose due date has passed. */
  overdueTasks: Count,
  /** Non-conformities not closed, and those with an open action past its due date. */
  nonconformities: z.object({ open: Count, overdue: Count }),
  legalDates: z.array(DashboardLegalDate),
  /** Release gates by status. */
  labGates: z.array(z.object({ status: LabGateStatusName, count: Count })),
  operations: DashboardOperations.default(EMPTY_OPERATIONS),
});
export type Dashboard = z.infer<typeof Dashboard>;

// ---------------------------------------------------------------------------------------------------------------
// Management reports: the dashboard of a unit, stored as it was, rendered from the stored data.
// ---------------------------------------------------------------------------------------------------------------

export const ReportLocale = z.enum(['de', 'en']);

/** POST /api/management-reports. */
export const ManagementReportCreate = z.strictObject({
  orgUnitId: Id.optional(),
  locale: ReportLocale.default('de'),
});
export type ManagementReportCreate = z.input<typeof ManagementReportCreate>;

export const ManagementReportListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ManagementReportListQuery = z.infer<typeof ManagementReportListQuery>;

/** GET /api/management-reports/{id}/export. */
export const ManagementReportExportQuery = z.strictObject({
  format: z.enum(['pdf', 'docx', 'md']).default('pdf'),
  /** Default: the language the report was generated in. */
  locale: ReportLocale.optional(),
});
export type ManagementReportExportQuery = z.infer<typeof ManagementReportExportQuery>;

export const ManagementReport = z.object({
  id: Id,
  number: z.number().int(),
  orgUnitId: Id.nullable(),
  orgUnitName: z.string().nullable(),
  locale: ReportLocale,
  generatedAt: Timestamp,
  generatedByLabel: z.string(),
  /** `offen` or `VS-NfD`: the highest level of the systems the report counted; only cleared readers get a classified report. */
  classification: z.string(),
  /** The figures as they were when the report was generated. */
  snapshot: Dashboard,
});
export type ManagementReport = z.infer<typeof ManagementReport>;

export const ManagementReportList = listOf(ManagementReport);
export type ManagementReportList = z.infer<typeof ManagementReportList>;

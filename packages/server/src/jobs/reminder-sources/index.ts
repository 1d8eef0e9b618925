import { capaActionOccasions } from './capa-actions.js';
import { evidenceValidityOccasions } from './evidence.js';
import { incidentOccasions } from './incidents.js';
import { labEnvironmentOccasions } from './lab-environments.js';
import { monitoringOverdueOccasions } from './monitoring.js';
import { qmsReviewOccasions } from './qms.js';
import { riskReviewOccasions } from './risks.js';
import { supplierOccasions } from './suppliers.js';
import { taskDueOccasions } from './tasks.js';
import { trainingOccasions } from './trainings.js';
import type { ReminderSource } from './types.js';

export type { Occasion, Recipients, ReminderSource } from './types.js';
export { REVIEW_NOTICE_DAYS } from './risks.js';
export { EXPIRY_NOTICE_DAYS } from './evidence.js';

/** Every source of reminders; the hourly sweep asks each in turn. */
export const REMINDER_SOURCES: readonly ReminderSource[] = [riskReviewOccasions, evidenceValidityOccasions, capaActionOccasions, taskDueOccasions, trainingOccasions, qmsReviewOccasions, supplierOccasions, labEnvironmentOccasions, incidentOccasions, monitoringOverdueOccasions];

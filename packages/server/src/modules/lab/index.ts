/** What other parts of the lab (runs, gates) use of methods and environments. */
export { canRecordRuns, LabMethodService } from './method-service.js';
export { storedEnvironmentStatus, LabEnvironmentService } from './environment-service.js';
export { environmentStatus } from '@konform/core';
export { findPlan, casesOf } from './plan-repository.js';
export { presentCase, type CaseContext } from './plan-presenter.js';
export { caseContext, LabPlanService, LAB_PLAN_ENTITY } from './plan-service.js';

/** What other parts of the lab (runs, gates) use of methods and environments. */
export { canRecordRuns, LabMethodService } from './method-service.js';
export { storedEnvironmentStatus, LabEnvironmentService } from './environment-service.js';
export { environmentStatus } from '@konform/core';

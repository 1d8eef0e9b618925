export { PrivacyService } from './service.js';
export { privacyRoutes } from './routes.js';
export { registerRetentionJob, ensureRetentionJob, runRetention } from './retention.js';

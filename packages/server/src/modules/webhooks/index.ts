export { WebhookService } from './service.js';
export { webhookRoutes } from './routes.js';
export { onAuditEvent as webhookAuditListener } from './events.js';
export { registerWebhookJobs, webhookSignature } from './delivery.js';

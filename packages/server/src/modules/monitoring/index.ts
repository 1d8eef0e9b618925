export { MonitoringService } from './service.js';
export { monitoringRoutes } from './routes.js';
export { monitoringSummary, type MonitoringSummary } from './summary.js';

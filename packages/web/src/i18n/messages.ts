import core from './de.json';
import coreEn from './en.json';
import capa from './parts/capa.de.json';
import capaEn from './parts/capa.en.json';
import tasks from './parts/tasks.de.json';
import tasksEn from './parts/tasks.en.json';
import qms from './parts/qms.de.json';
import qmsEn from './parts/qms.en.json';
import literacy from './parts/literacy.de.json';
import literacyEn from './parts/literacy.en.json';
import vendors from './parts/vendors.de.json';
import vendorsEn from './parts/vendors.en.json';
import models from './parts/models.de.json';
import modelsEn from './parts/models.en.json';
import lab from './parts/lab.de.json';
import labEn from './parts/lab.en.json';
import labPlans from './parts/lab-plans.de.json';
import labPlansEn from './parts/lab-plans.en.json';
import labRuns from './parts/lab-runs.de.json';
import labRunsEn from './parts/lab-runs.en.json';
import labGates from './parts/lab-gates.de.json';
import labGatesEn from './parts/lab-gates.en.json';
import labDashboard from './parts/lab-dashboard.de.json';
import labDashboardEn from './parts/lab-dashboard.en.json';
import relations from './parts/relations.de.json';
import relationsEn from './parts/relations.en.json';
import clearance from './parts/clearance.de.json';
import clearanceEn from './parts/clearance.en.json';
import documents from './parts/documents.de.json';
import documentsEn from './parts/documents.en.json';
import dashboard from './parts/dashboard.de.json';
import dashboardEn from './parts/dashboard.en.json';
import documentTemplates from './parts/document-templates.de.json';
import documentTemplatesEn from './parts/document-templates.en.json';
import conformity from './parts/conformity.de.json';
import conformityEn from './parts/conformity.en.json';
import monitoring from './parts/monitoring.de.json';
import monitoringEn from './parts/monitoring.en.json';
import incidents from './parts/incidents.de.json';
import incidentsEn from './parts/incidents.en.json';
import complaints from './parts/complaints.de.json';
import complaintsEn from './parts/complaints.en.json';
import audits from './parts/audits.de.json';
import auditsEn from './parts/audits.en.json';
import auditPackage from './parts/audit-package.de.json';
import auditPackageEn from './parts/audit-package.en.json';

/**
 * The UI strings: the core catalogue plus one file per feature area under parts/ (each holding one top-level key),
 * so areas can grow without everyone editing one large file.
 */
export const de = { ...core, ...capa, ...tasks, ...qms, ...literacy, ...vendors, ...models, ...lab, ...labPlans, ...labRuns, ...labGates, ...labDashboard, ...relations, ...clearance, ...documents, ...dashboard, ...documentTemplates, ...conformity, ...monitoring, ...incidents, ...complaints, ...auditPackage, ...audits };
export const en = { ...coreEn, ...capaEn, ...tasksEn, ...qmsEn, ...literacyEn, ...vendorsEn, ...modelsEn, ...labEn, ...labPlansEn, ...labRunsEn, ...labGatesEn, ...labDashboardEn, ...relationsEn, ...clearanceEn, ...documentsEn, ...dashboardEn, ...documentTemplatesEn, ...conformityEn, ...monitoringEn, ...incidentsEn, ...complaintsEn, ...auditPackageEn, ...auditsEn };
export type Messages = typeof de;

import { NonconformityService } from './modules/nonconformities/service.js';
import { nonconformityRoutes } from './modules/nonconformities/routes.js';
import { IncidentService } from './modules/incidents/service.js';
import { incidentRoutes } from './modules/incidents/routes.js';
import { ComplaintService } from './modules/complaints/service.js';
import { complaintRoutes } from './modules/complaints/routes.js';
import { BulkService } from './modules/bulk/service.js';
import { bulkRoutes } from './modules/bulk/routes.js';
import { AuditProgrammeService } from './modules/audits/service.js';
import { AuditChecklistService } from './modules/audits/checklist.js';
import { AuditFindingService } from './modules/audits/findings.js';
import { auditProgrammeRoutes } from './modules/audits/routes.js';
import { MonitoringService, monitoringRoutes } from './modules/monitoring/index.js';
import { ConformityAssessmentService } from './modules/conformity/assessment-service.js';
import { SystemChangeService } from './modules/conformity/change-service.js';
import { conformityAssessmentRoutes, systemChangeRoutes } from './modules/conformity/routes.js';
import { VendorService } from './modules/vendors/service.js';
import { VendorAssessmentService } from './modules/vendors/assessment-service.js';
import { SupplierDocumentService } from './modules/vendors/documents-service.js';
import { systemSupplierRoutes, vendorRoutes } from './modules/vendors/routes.js';
import { TrainingCourseService } from './modules/literacy/course-service.js';
import { TrainingRecordService } from './modules/literacy/record-service.js';
import { LiteracyStatusService } from './modules/literacy/status-service.js';
import { trainingRecordRoutes, trainingRoutes } from './modules/literacy/routes.js';
import { TaskService } from './modules/tasks/service.js';
import { MilestoneService } from './modules/tasks/milestones.js';
import { systemMilestoneRoutes, taskRoutes } from './modules/tasks/routes.js';
import { QmsDocumentService } from './modules/qms/service.js';
import { QmsVersionService } from './modules/qms/versions.js';
import { qmsRoutes } from './modules/qms/routes.js';
import { TestItemService } from './modules/models/service.js';
import { CustodyService } from './modules/models/custody-service.js';
import { SystemItemService } from './modules/models/system-items-service.js';
import { datasetRoutes, modelRoutes, systemItemRoutes } from './modules/models/routes.js';
import { LabMethodService } from './modules/lab/method-service.js';
import { LabEnvironmentService } from './modules/lab/environment-service.js';
import { labRoutes } from './modules/lab/routes.js';
import { RelationService } from './modules/relations/service.js';
import { OscalService } from './modules/oscal/service.js';
import { oscalRoutes } from './modules/oscal/routes.js';
import { CycloneDxService } from './modules/interchange/cyclonedx.js';
import { ModelCardService } from './modules/interchange/hf-model-card.js';
import { interchangeRoutes } from './modules/interchange/routes.js';
import { impactRoutes, systemRelationRoutes } from './modules/relations/routes.js';
import { LabPlanService } from './modules/lab/plan-service.js';
import { LabRunService } from './modules/lab/run-service.js';
import { LabGateService, invalidateReleasedGatesOfSystem } from './modules/lab/gate-service.js';
import { LabDashboardService } from './modules/lab/dashboard-service.js';
import { LabReportService } from './modules/lab/report-service.js';
import { DocumentService } from './modules/documents/service.js';
import { documentRoutes } from './modules/documents/routes.js';
import { DocumentTemplateService } from './modules/document-templates/service.js';
import { documentTemplateRoutes } from './modules/document-templates/routes.js';
import { DocumentVerifyService } from './modules/documents/verify.js';
import { documentVerifyRoutes } from './modules/documents/verify-routes.js';
import { OrganisationKeys } from './signing/organisation-keys.js';
import { DashboardService } from './modules/dashboard/service.js';
import { dashboardRoutes, managementReportRoutes } from './modules/dashboard/routes.js';
import { WebhookService, webhookAuditListener, webhookRoutes } from './modules/webhooks/index.js';
import { PrivacyService, privacyRoutes } from './modules/privacy/index.js';
import { registerAuditListener } from './audit/audit-log.js';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { responseSerializerCompiler } from './http/response-serializer.js';
import type { Database } from './db/database.js';
import admission from './plugins/admission.js';
import errors from './plugins/errors.js';
import security from './plugins/security.js';
import textInput from './plugins/text-input.js';
import openapi from './plugins/openapi.js';
import auth, { type DeclaredRoute } from './plugins/auth.js';
import web, { defaultWebDir } from './plugins/web.js';
import { AuthService } from './modules/auth/auth-service.js';
import { authRoutes, sessionPolicyRoutes, userSignInRoutes } from './modules/auth/routes.js';
import { SsoConfigService } from './modules/sso/config-service.js';
import { SsoLoginService } from './modules/sso/login-service.js';
import { ssoAuthRoutes, ssoConfigRoutes } from './modules/sso/routes.js';
import { OrgUnitService } from './modules/org-units/service.js';
import { orgUnitRoutes } from './modules/org-units/routes.js';
import { UserService } from './modules/users/service.js';
import { userRoutes } from './modules/users/routes.js';
import { SystemService } from './modules/systems/service.js';
import { systemRoutes } from './modules/systems/routes.js';
import { AuditService } from './modules/audit/service.js';
import { AuditPackageService } from './modules/audit-package/service.js';
import { auditPackageRoutes, systemAuditPackageRoutes } from './modules/audit-package/routes.js';
import { auditRoutes, signingKeyRoutes } from './modules/audit/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { ApiTokenService } from './modules/tokens/service.js';
import { tokenRoutes } from './modules/tokens/routes.js';
import { SignatureService } from './modules/signatures/service.js';
import { signatureRoutes } from './modules/signatures/routes.js';
import { MfaService } from './modules/mfa/service.js';
import { mfaPolicyRoutes, mfaRoutes } from './modules/mfa/routes.js';
import { ClassificationService } from './modules/classification/service.js';
import { classificationRoutes, systemClassificationRoutes } from './modules/classification/routes.js';
import { IntakeService } from './modules/intakes/service.js';
import { intakeRoutes, systemAdviceRoutes } from './modules/intakes/routes.js';
import { loadEuAiActCatalogs } from './catalogs/eu-ai-act.js';
import multipart from '@fastify/multipart';
import type { Marking } from '@konform/core';
import { LocalFileStorage } from './storage/local-storage.js';
import type { ObjectStorage } from './storage/storage.js';
import { EvidenceService } from './modules/evidence/service.js';
import { evidenceRoutes } from './modules/evidence/routes.js';
import { CatalogRegistry } from './catalogs/registry.js';
import { CatalogService } from './modules/catalogs/service.js';
import { catalogRoutes, measureRoutes } from './modules/catalogs/routes.js';
import { CatalogUpdateService } from './modules/catalogs/update-service.js';
import { RiskService } from './modules/risks/service.js';
import { riskMatrixRoutes, riskRoutes, systemRiskRoutes } from './modules/risks/routes.js';
import { loadRiskSources } from './catalogs/risk-sources.js';
import { FriaService } from './modules/fria/service.js';
import { systemFriaRoutes } from './modules/fria/routes.js';
import { RiskReportService } from './modules/risks/report-service.js';
import { MatrixExportService } from './modules/requirements/matrix-export.js';
import { RequirementService } from './modules/requirements/service.js';
import { SystemMeasureService } from './modules/requirements/measure-service.js';
import { SoaService } from './modules/requirements/soa-service.js';
import { NotificationService } from './modules/notifications/service.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { orgSoaRoutes, portfolioRequirementRoutes, systemRequirementRoutes } from './modules/requirements/routes.js';

export interface AppOptions {
  database: Database;
  /** Prepare what the first requests would otherwise pay for (the catalogue index) before answering any; servers set it, tests need not. */
  warmUp?: boolean;
  /**
   * Validate every response against its schema and compare the compiled writer's output with zod's (http/response-
   * serializer.ts). The test suites set it; it costs a validated copy of every response.
   */
  checkResponses?: boolean;
  /** Filled with every route's response writer, to compile them all at once (a test does). */
  responseWriters?: Map<string, () => void>;
  logLevel?: string;
  secureCookies?: boolean | 'auto';
  trustProxy?: boolean;
  /** KONFORM_MAX_ACTIVE_REQUESTS: API requests worked on at once, the others wait in order (plugins/admission.ts); 16 when unset. */
  maxActiveRequests?: number;
  /** KONFORM_MAX_ACTIVE_WRITES: of those, requests that change something (plugins/admission.ts); unset: no share. */
  maxActiveWrites?: number;
  /** KONFORM_REQUEST_QUEUE_SECONDS: the longest wait for a place before 503 `server-busy`; 15 when unset. */
  requestQueueSeconds?: number;
  /** KONFORM_SESSION_HOURS: the absolute session timeout until an administrator sets one (12 when unset). */
  sessionHours?: number;
  /** KONFORM_SESSION_IDLE_MINUTES: the idle session timeout until an administrator sets one (30 when unset). */
  sessionIdleMinutes?: number;
  /** The EU AI Act version whose dates apply (an act id of the timeline); the timeline's default when unset. */
  aiActTimeline?: string | undefined;
  webDir?: string | undefined;
  /** The data directory: evidence files live under <dataDir>/evidence (created on the first upload); ./konform-data when unset. */
  dataDir?: string | undefined;
  /** KONFORM_UPLOAD_LIMIT_MB: the largest evidence file accepted, in MiB; 50 when unset. */
  uploadLimitMb?: number | undefined;
  /** KONFORM_CATALOG_IMPORT_LIMIT_MB: the largest catalogue file accepted for import, in MiB; 20 when unset. */
  catalogImportLimitMb?: number | undefined;
  /** KONFORM_DEFAULT_MARKING: the marking of evidence created without one; offen when unset. */
  defaultMarking?: Marking | undefined;
  /** The root of the requirement catalogues (catalogs/<id>/catalog.yaml, measures, mappings); KONFORM_CATALOG_DIR or the repository's catalogs/ when unset. */
  catalogDir?: string | undefined;
  /** Where users reach Konform (KONFORM_PUBLIC_URL, else the listen address): absolute links in records start with it. */
  publicUrl?: string | undefined;
  /** KONFORM_KEY_DIR: the organisation's signing key (released documents); <dataDir>/keys when unset. */
  keyDir?: string | undefined;
  /** KONFORM_AUDIT_PACKAGE_LIMIT_MB: the largest audit package built, in MiB; 500 when unset. */
  auditPackageLimitMb?: number | undefined;
  /** Filled with every /api route and its declared permission (used by the permission-matrix test). */
  declaredRoutes?: DeclaredRoute[];
  /** Where evidence files live; the local folder <dataDir>/evidence when unset. */
  storage?: ObjectStorage | undefined;
}

export interface Services {
  auth: AuthService;
  orgUnits: OrgUnitService;
  users: UserService;
  systems: SystemService;
  audit: AuditService;
  auditPackages: AuditPackageService;
  tokens: ApiTokenService;
  signatures: SignatureService;
  mfa: MfaService;
  classification: ClassificationService;
  intakes: IntakeService;
  evidence: EvidenceService;
  catalogs: CatalogService;
  catalogUpdates: CatalogUpdateService;
  matrixExport: MatrixExportService;
  risks: RiskService;
  riskReports: RiskReportService;
  fria: FriaService;
  /** The marking printed on every page of generated documents (from KONFORM_DEFAULT_MARKING). */
  documentMarking: string | null;
  requirements: RequirementService;
  systemMeasures: SystemMeasureService;
  soa: SoaService;
  notifications: NotificationService;
  nonconformities: NonconformityService;
  incidents: IncidentService;
  complaints: ComplaintService;
  bulk: BulkService;
  auditProgramme: AuditProgrammeService;
  auditChecklist: AuditChecklistService;
  auditFindings: AuditFindingService;
  monitoring: MonitoringService;
  conformity: ConformityAssessmentService;
  systemChanges: SystemChangeService;
  vendors: VendorService;
  vendorAssessments: VendorAssessmentService;
  supplierDocuments: SupplierDocumentService;
  trainingCourses: TrainingCourseService;
  trainingRecords: TrainingRecordService;
  literacyStatus: LiteracyStatusService;
  tasks: TaskService;
  milestones: MilestoneService;
  qmsDocuments: QmsDocumentService;
  qmsVersions: QmsVersionService;
  models: TestItemService<'model'>;
  datasets: TestItemService<'dataset'>;
  custody: CustodyService;
  systemItems: SystemItemService;
  labMethods: LabMethodService;
  labEnvironments: LabEnvironmentService;
  labPlans: LabPlanService;
  labRuns: LabRunService;
  labGates: LabGateService;
  labDashboard: LabDashboardService;
  labReports: LabReportService;
  documents: DocumentService;
  documentTemplates: DocumentTemplateService;
  dashboard: DashboardService;
  relations: RelationService;
  oscal: OscalService;
  cycloneDx: CycloneDxService;
  modelCards: ModelCardService;
  webhooks: WebhookService;
  privacy: PrivacyService;
}

export interface ServiceOptions {
  /** The idle session timeout in minutes until an administrator sets one (30 when unset). */
  sessionIdleMinutes?: number | undefined;
  dataDir?: string | undefined;
  defaultMarking?: Marking | undefined;
  aiActTimeline?: string | undefined;
  catalogDir?: string | undefined;
  publicUrl?: string | undefined;
  /** Where the private half of the organisation's signing key lives; <dataDir>/keys when unset. */
  keyDir?: string | undefined;
  /** The largest audit package built, in MiB; 500 when unset. */
  auditPackageLimitMb?: number | undefined;
  /** Where evidence files live; the local folder <dataDir>/evidence when unset (an S3 store when configured). */
  storage?: ObjectStorage | undefined;
}

export function createServices(database: Database, sessionHours = 12, options: ServiceOptions = {}): Services {
  // One evidence store and one key holder for every service (several instances share them through the database,
  // the key directory and, for files, an object store).
  const dataDir = options.dataDir ?? path.resolve('konform-data');
  const storage = options.storage ?? new LocalFileStorage(path.join(dataDir, 'evidence'));
  const keys = new OrganisationKeys(database, options.keyDir ?? path.join(dataDir, 'keys'));
  const systems = new SystemService(database);
  const signatures = new SignatureService(database);
  const euAiAct = loadEuAiActCatalogs();
  const defaultAct = options.aiActTimeline ?? euAiAct.timeline.defaultAct;
  const acts = euAiAct.timeline.acts.map((a) => a.id);
  if (!acts.includes(defaultAct)) throw new Error(`KONFORM_AI_ACT_TIMELINE names an unknown act "${defaultAct}"; the timeline has ${acts.join(', ')}`);
  const catalogs = new CatalogService(database, CatalogRegistry.load(options.catalogDir), euAiAct.timeline, defaultAct);
  const classification = new ClassificationService(database, signatures, euAiAct, () => catalogs.dates.actInForce);
  const requirements = new RequirementService(database, catalogs);
  const risks = new RiskService(database, signatures, catalogs, loadRiskSources(options.catalogDir));
  const documentMarking = options.defaultMarking === 'VS-NfD' ? 'VS – NUR FÜR DEN DIENSTGEBRAUCH' : null;
  const labMethods = new LabMethodService(database);
  const labEnvironments = new LabEnvironmentService(database);
  const labGates = new LabGateService(database, signatures, catalogs);
  const incidents = new IncidentService(database, signatures, documentMarking);
  const labRuns = new LabRunService(database, { storage, publicUrl: options.publicUrl, defaultMarking: options.defaultMarking });
  const documents = new DocumentService(database, signatures, catalogs, storage, keys, documentMarking);
  const qmsDocuments = new QmsDocumentService(database, catalogs);
  // Webhook events are queued inside the transaction of the audited change (registered once, whatever the database).
  registerAuditListener(webhookAuditListener);
  return {
    auth: new AuthService(database, { absoluteHours: sessionHours, idleMinutes: options.sessionIdleMinutes ?? 30 }),
    mfa: new MfaService(database),
    conformity: new ConformityAssessmentService(database, signatures, documents, qmsDocuments),
    systemChanges: new SystemChangeService(database, signatures),
    orgUnits: new OrgUnitService(database),
    users: new UserService(database),
    systems,
    audit: new AuditService(database),
    // The audit package reads through the same services as the single exports (scope and clearance checked there too).
    auditPackages: new AuditPackageService(database, storage, keys, {
      matrixExport: new MatrixExportService(database, requirements, documentMarking),
      riskReports: new RiskReportService(database, risks, catalogs, documentMarking),
      risks,
      labReports: new LabReportService(database, documentMarking, labRuns, labGates),
    }, Math.round((options.auditPackageLimitMb ?? 500) * 1024 * 1024)),
    tokens: new ApiTokenService(database),
    signatures,
    classification,
    intakes: new IntakeService(database, systems),
    evidence: new EvidenceService(database, storage, { defaultMarking: options.defaultMarking }),
    catalogs,
    catalogUpdates: new CatalogUpdateService(database, catalogs),
    matrixExport: new MatrixExportService(database, requirements, documentMarking),
    risks,
    riskReports: new RiskReportService(database, risks, catalogs, documentMarking),
    fria: new FriaService(database, signatures, requirements, risks, catalogs),
    documentMarking,
    requirements,
    systemMeasures: new SystemMeasureService(database, catalogs),
    soa: new SoaService(database, requirements),
    notifications: new NotificationService(database),
    nonconformities: new NonconformityService(database),
    incidents,
    complaints: new ComplaintService(database),
    bulk: new BulkService(database, systems, risks, catalogs, documentMarking),
    auditProgramme: new AuditProgrammeService(database, requirements, catalogs),
    auditChecklist: new AuditChecklistService(database),
    auditFindings: new AuditFindingService(database, new NonconformityService(database)),
    // A breach configured to open an incident opens one in the incident register.
    monitoring: Object.assign(new MonitoringService(database), { incidentOpener: incidents.openFromBreach.bind(incidents) }),
    vendors: new VendorService(database),
    vendorAssessments: new VendorAssessmentService(database, risks),
    supplierDocuments: new SupplierDocumentService(database),
    trainingCourses: new TrainingCourseService(database),
    // Certificates share the content-addressed object storage of the evidence files.
    trainingRecords: new TrainingRecordService(database, storage),
    literacyStatus: new LiteracyStatusService(database, documentMarking),
    tasks: new TaskService(database, catalogs),
    milestones: new MilestoneService(database, requirements, catalogs),
    qmsDocuments,
    qmsVersions: new QmsVersionService(database, signatures),
    models: new TestItemService(database, 'model'),
    datasets: new TestItemService(database, 'dataset'),
    custody: new CustodyService(database),
    systemItems: new SystemItemService(database, invalidateReleasedGatesOfSystem),
    labMethods,
    labEnvironments,
    labPlans: new LabPlanService(database, catalogs),
    // Raw result files share the content-addressed object storage of the evidence files.
    labRuns,
    labGates,
    labDashboard: new LabDashboardService(database, labMethods, labEnvironments, labGates),
    labReports: new LabReportService(database, documentMarking, labRuns, labGates),
    // Released files share the content-addressed object storage of the evidence files; manifests are signed with the organisation's key.
    documentTemplates: new DocumentTemplateService(database),
    documents,
    dashboard: new DashboardService(database, catalogs, risks, documentMarking),
    relations: new RelationService(database, requirements, catalogs),
    // OSCAL exports read through the same (stateless) services as the screens, so scope and clearance are checked there.
    cycloneDx: new CycloneDxService(database),
    modelCards: new ModelCardService(database),
    webhooks: new WebhookService(database),
    privacy: new PrivacyService(database),
    oscal: new OscalService(database, {
      requirements, audits: new AuditProgrammeService(database, requirements, catalogs), checklist: new AuditChecklistService(database),
      findings: new AuditFindingService(database, new NonconformityService(database)), gates: labGates,
    }),
  };
}

/** Registers plugins in load order; never listens (server.ts and tests decide that). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const sessionHours = options.sessionHours ?? 12;
  const uploadLimitBytes = Math.round((options.uploadLimitMb ?? 50) * 1024 * 1024);
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // Never log credentials or session material.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  const writers = options.responseWriters ?? new Map<string, () => void>();
  app.setSerializerCompiler(responseSerializerCompiler({
    check: options.checkResponses ?? false,
    writers,
    onFallback: (route, error) => app.log.warn({ route, reason: String(error) }, 'response schema not compiled; validating with zod instead'),
  }));
  // The API speaks JSON only; anything else is 415, not a string body the schemas would misread.
  app.removeContentTypeParser('text/plain');

  const services = createServices(options.database, sessionHours, { sessionIdleMinutes: options.sessionIdleMinutes, dataDir: options.dataDir, defaultMarking: options.defaultMarking, aiActTimeline: options.aiActTimeline, catalogDir: options.catalogDir, publicUrl: options.publicUrl, keyDir: options.keyDir, auditPackageLimitMb: options.auditPackageLimitMb, storage: options.storage });
  await app.register(errors);
  // Before authentication: the session look-up is work too.
  await app.register(admission, { limit: options.maxActiveRequests ?? 16, ...(options.maxActiveWrites === undefined ? {} : { writeLimit: options.maxActiveWrites }), maxWaitMs: (options.requestQueueSeconds ?? 15) * 1000 });
  await app.register(security);
  await app.register(textInput);
  await app.register(cookie);
  await app.register(openapi);
  await app.register(auth, { auth: services.auth, routes: options.declaredRoutes ?? [] });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
      await api.register(healthRoutes, { prefix: '/health', database: options.database });
      await api.register(authRoutes, { prefix: '/auth', service: services.auth, secureCookies: options.secureCookies ?? 'auto' });
      const ssoConfig = new SsoConfigService(options.database);
      await api.register(ssoConfigRoutes, { prefix: '/security/sso', config: ssoConfig, publicUrl: options.publicUrl });
      await api.register(ssoAuthRoutes, { prefix: '/auth/sso', config: ssoConfig, login: new SsoLoginService(options.database, ssoConfig, services.auth), secureCookies: options.secureCookies ?? 'auto', publicUrl: options.publicUrl });
      await api.register(orgUnitRoutes, { prefix: '/org-units', service: services.orgUnits });
      await api.register(userRoutes, { prefix: '/users', service: services.users });
      await api.register(userSignInRoutes, { prefix: '/users', service: services.auth });
      await api.register(systemRoutes, { prefix: '/systems', service: services.systems });
      await api.register(auditRoutes, { prefix: '/audit-events', service: services.audit });
      await api.register(signingKeyRoutes, { prefix: '/keys', service: services.audit });
      await api.register(tokenRoutes, { prefix: '/tokens', service: services.tokens });
      await api.register(intakeRoutes, { prefix: '/intakes', service: services.intakes });
      await api.register(systemAdviceRoutes, { prefix: '/systems', service: services.intakes });
      await api.register(classificationRoutes, { prefix: '/classification', service: services.classification });
      await api.register(systemClassificationRoutes, { prefix: '/systems', service: services.classification });
      await api.register(signatureRoutes, { prefix: '/signatures', service: services.signatures });
      await api.register(mfaRoutes, { prefix: '/mfa', service: services.mfa });
      await api.register(mfaPolicyRoutes, { prefix: '/security', service: services.mfa });
      await api.register(sessionPolicyRoutes, { prefix: '/security', service: services.auth });
      await api.register(async (uploads) => {
        // Multipart only where files are uploaded; everywhere else the API speaks JSON.
        await uploads.register(multipart, { limits: { fileSize: uploadLimitBytes, files: 1, fields: 20, parts: 21, fieldSize: 64 * 1024 }, throwFileSizeLimit: false });
        await uploads.register(evidenceRoutes, { prefix: '/evidence', service: services.evidence, storage: services.evidence.storage, uploadLimitBytes });
        await uploads.register(trainingRecordRoutes, { prefix: '/training-records', service: services.trainingRecords, storage: services.trainingRecords.storage, uploadLimitBytes });
      });
      await api.register(catalogRoutes, { prefix: '/catalogs', service: services.catalogs, updates: services.catalogUpdates, importLimitBytes: Math.round((options.catalogImportLimitMb ?? 20) * 1024 * 1024) });
      await api.register(measureRoutes, { prefix: '/measures', service: services.catalogs });
      await api.register(systemRequirementRoutes, { prefix: '/systems', requirements: services.requirements, measures: services.systemMeasures, soa: services.soa, exports: services.matrixExport });
      await api.register(portfolioRequirementRoutes, { prefix: '/requirements', exports: services.matrixExport });
      await api.register(systemRiskRoutes, { prefix: '/systems', service: services.risks });
      await api.register(systemAuditPackageRoutes, { prefix: '/systems', service: services.auditPackages });
      await api.register(auditPackageRoutes, { prefix: '/audits', service: services.auditPackages });
      await api.register(riskRoutes, { prefix: '/risks', service: services.risks });
      await api.register(riskMatrixRoutes, { service: services.risks });
      await api.register(systemFriaRoutes, { prefix: '/systems', database: options.database, fria: services.fria, risks: services.risks, reports: services.riskReports, marking: services.documentMarking });
      await api.register(orgSoaRoutes, { prefix: '/statement-of-applicability', soa: services.soa });
      await api.register(nonconformityRoutes, { prefix: '/nonconformities', service: services.nonconformities });
      await api.register(incidentRoutes, { prefix: '/incidents', service: services.incidents });
      await api.register(complaintRoutes, { prefix: '/complaints', service: services.complaints });
      await api.register(bulkRoutes, { prefix: '/bulk', service: services.bulk });
      await api.register(auditProgrammeRoutes, { prefix: '/audits', audits: services.auditProgramme, checklist: services.auditChecklist, findings: services.auditFindings });
      await api.register(monitoringRoutes, { prefix: '/monitoring-plans', service: services.monitoring });
      await api.register(conformityAssessmentRoutes, { prefix: '/conformity-assessments', service: services.conformity });
      await api.register(systemChangeRoutes, { prefix: '/systems', service: services.systemChanges });
      await api.register(vendorRoutes, { prefix: '/vendors', vendors: services.vendors, assessments: services.vendorAssessments });
      await api.register(systemSupplierRoutes, { prefix: '/systems', service: services.supplierDocuments });
      await api.register(trainingRoutes, { prefix: '/trainings', courses: services.trainingCourses, status: services.literacyStatus });
      await api.register(taskRoutes, { prefix: '/tasks', service: services.tasks });
      await api.register(systemMilestoneRoutes, { prefix: '/systems', service: services.milestones });
      await api.register(qmsRoutes, { prefix: '/qms', documents: services.qmsDocuments, versions: services.qmsVersions, catalogs: services.catalogs, marking: services.documentMarking });
      await api.register(labRoutes, { prefix: '/lab', methods: services.labMethods, environments: services.labEnvironments, plans: services.labPlans, runs: services.labRuns, runUploadLimitBytes: uploadLimitBytes, gates: services.labGates, dashboard: services.labDashboard, reports: services.labReports });
      await api.register(modelRoutes, { prefix: '/models', service: services.models, custody: services.custody });
      await api.register(datasetRoutes, { prefix: '/datasets', service: services.datasets, custody: services.custody });
      await api.register(systemItemRoutes, { prefix: '/systems', service: services.systemItems });
      await api.register(systemRelationRoutes, { prefix: '/systems', service: services.relations });
      await api.register(impactRoutes, { prefix: '/impact', service: services.relations });
      await api.register(notificationRoutes, { prefix: '/notifications', service: services.notifications });
      await api.register(documentRoutes, { prefix: '/documents', service: services.documents });
      await api.register(documentTemplateRoutes, { prefix: '/document-templates', service: services.documentTemplates });
      await api.register(documentVerifyRoutes, { prefix: '/documents', service: new DocumentVerifyService(options.database, uploadLimitBytes * 4), bodyLimit: uploadLimitBytes });
      await api.register(dashboardRoutes, { prefix: '/dashboard', service: services.dashboard });
      await api.register(managementReportRoutes, { prefix: '/management-reports', service: services.dashboard });
      await api.register(oscalRoutes, { service: services.oscal, importLimitBytes: 10 * 1024 * 1024 });
      await api.register(webhookRoutes, { prefix: '/webhooks', service: services.webhooks });
      await api.register(privacyRoutes, { prefix: '/privacy', service: services.privacy });
      await api.register(interchangeRoutes, { cycloneDx: services.cycloneDx, modelCards: services.modelCards, importLimitBytes: 10 * 1024 * 1024 });
    },
    { prefix: '/api' },
  );
  await app.register(web, { webDir: options.webDir ?? defaultWebDir() });
  // The catalogues (bundled files merged with the accepted imports) are indexed before the first request, not during it.
  if (options.warmUp) {
    await services.catalogs.current();
    // Every route's response writer is compiled before the first request (about a second), not at the route's first
    // use while other requests wait.
    app.addHook('onReady', async () => {
      for (const compile of writers.values()) compile();
    });
  }
  return app;
}

import { createBrowserRouter, Navigate } from 'react-router-dom';
import { AccountPage } from '../features/account/account-page';
import { SignInPage } from '../features/auth/sign-in-page';
import { AuditVerifyPage } from '../features/audit/audit-verify-page';
import { ActReviewPage } from '../features/catalogs/act-review-page';
import { CatalogDetailPage } from '../features/catalogs/catalog-detail-page';
import { CatalogListPage } from '../features/catalogs/catalog-list-page';
import { MeasuresPage } from '../features/catalogs/measures-page';
import { NonconformityCreatePage } from '../features/nonconformities/nonconformity-create-page';
import { NonconformityDetailPage } from '../features/nonconformities/nonconformity-detail-page';
import { NonconformityListPage } from '../features/nonconformities/nonconformity-list-page';
import { IncidentListPage } from '../features/incidents/incident-list-page';
import { IncidentCreatePage } from '../features/incidents/incident-create-page';
import { IncidentDetailPage } from '../features/incidents/incident-detail-page';
import { ComplaintListPage } from '../features/complaints/complaint-list-page';
import { ComplaintDetailPage } from '../features/complaints/complaint-detail-page';
import { AuditProgrammePage } from '../features/audits/audit-programme-page';
import { AuditDetailPage } from '../features/audits/audit-detail-page';
import { VersionReviewPage } from '../features/catalogs/version-review-page';
import { QuestionnairePage } from '../features/classification/questionnaire-page';
import { EvidenceDetailPage } from '../features/evidence/evidence-detail-page';
import { EvidenceListPage } from '../features/evidence/evidence-list-page';
import { IntakeDetailPage } from '../features/intakes/intake-detail-page';
import { IntakeListPage, MyIntakesPage } from '../features/intakes/intake-list-page';
import { IntakeSubmitPage } from '../features/intakes/intake-submit-page';
import { SystemCreatePage } from '../features/inventory/system-create-page';
import { SystemDetailPage } from '../features/inventory/system-detail-page';
import { SystemEditPage } from '../features/inventory/system-edit-page';
import { SystemListPage } from '../features/inventory/system-list-page';
import { LiteracyPage } from '../features/literacy/literacy-page';
import { MyTasksPage } from '../features/tasks/my-tasks-page';
import { TaskBoardPage } from '../features/tasks/task-board-page';
import { OrgUnitsPage } from '../features/org-units/org-units-page';
import { QmsDocumentPage } from '../features/qms/qms-document-page';
import { QmsDocumentsPage } from '../features/qms/qms-documents-page';
import { QmsOverviewPage } from '../features/qms/qms-overview-page';
import { OrgSoaPage } from '../features/requirements/org-soa-page';
import { RiskDetailPage } from '../features/risks/risk-detail-page';
import { RiskMatrixPage } from '../features/risks/risk-matrix-page';
import { RiskPortfolioPage } from '../features/risks/risk-portfolio-page';
import { BulkImportPage } from '../features/bulk/bulk-import-page';
import { UsersPage } from '../features/users/users-page';
import { VendorDetailPage } from '../features/vendors/vendor-detail-page';
import { VendorListPage } from '../features/vendors/vendor-list-page';
import { LabPage } from '../features/lab/lab-page';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { MethodDetailPage } from '../features/lab/method-detail-page';
import { EnvironmentDetailPage } from '../features/lab/environment-detail-page';
import { PlanDetailPage } from '../features/lab/plan-detail-page';
import { GateDetailPage } from '../features/lab/gate-detail-page';
import { RunDetailPage } from '../features/lab/run-detail-page';
import { ModelsPage } from '../features/models/models-page';
import { ItemDetailPage } from '../features/models/item-detail-page';
import { DocumentPage } from '../features/documents/document-page';
import { DocumentTemplatesPage } from '../features/document-templates/document-templates-page';
import { WebhooksPage } from '../features/webhooks/webhooks-page';
import { PrivacyPage } from '../features/privacy/privacy-page';
import { VerifyPage } from '../features/documents/verify-page';
import { EnrolmentRequiredPage } from '../features/mfa/enrolment-required-page';
import { MfaPolicyPage } from '../features/mfa/mfa-policy-page';
import { SsoSettingsPage } from '../features/sso/sso-settings-page';
import { SessionPolicyPage } from '../features/sessions/session-policy-page';
import { SsoDonePage } from '../features/sso/sso-done-page';
import { AppShellLayout } from './app-shell';
import { RequireAuth, RequirePermission } from './route-guards';
import { NotFoundPage } from './status-pages';

export const router = createBrowserRouter([
  { path: '/login', element: <SignInPage /> },
  { path: '/sso/done', element: <SsoDonePage /> },
  {
    element: <RequireAuth />,
    children: [
      { path: 'two-factor', element: <EnrolmentRequiredPage /> },
      {
        element: <AppShellLayout />,
        children: [
          { index: true, element: <Navigate to="/systems" replace /> },
          { path: 'systems', element: <RequirePermission permission="system.read"><SystemListPage /></RequirePermission> },
          { path: 'systems/new', element: <RequirePermission permission="system.create"><SystemCreatePage /></RequirePermission> },
          { path: 'systems/:id', element: <RequirePermission permission="system.read"><SystemDetailPage /></RequirePermission> },
          { path: 'audits', element: <RequirePermission permission="auditing.read"><AuditProgrammePage /></RequirePermission> },
          { path: 'audits/:id', element: <RequirePermission permission="auditing.read"><AuditDetailPage /></RequirePermission> },
          { path: 'documents/:id', element: <RequirePermission permission="document.read"><DocumentPage /></RequirePermission> },
          { path: 'webhooks', element: <RequirePermission permission="webhook.manage"><WebhooksPage /></RequirePermission> },
          { path: 'privacy', element: <RequirePermission permission="privacy.manage"><PrivacyPage /></RequirePermission> },
          { path: 'document-templates', element: <RequirePermission permission="document.read"><DocumentTemplatesPage /></RequirePermission> },
          { path: 'verify', element: <RequirePermission permission="document.read"><VerifyPage /></RequirePermission> },
          { path: 'systems/:id/edit', element: <RequirePermission permission="system.update"><SystemEditPage /></RequirePermission> },
          { path: 'systems/:id/classification/edit', element: <RequirePermission permission="classification.edit"><QuestionnairePage /></RequirePermission> },
          { path: 'intakes', element: <RequirePermission permission="intake.read"><MyIntakesPage /></RequirePermission> },
          { path: 'intakes/new', element: <RequirePermission permission="intake.submit"><IntakeSubmitPage /></RequirePermission> },
          { path: 'intakes/queue', element: <RequirePermission permission="intake.manage"><IntakeListPage mode="queue" /></RequirePermission> },
          { path: 'intakes/:id', element: <RequirePermission permission="intake.read"><IntakeDetailPage /></RequirePermission> },
          { path: 'catalogs', element: <RequirePermission permission="catalog.read"><CatalogListPage /></RequirePermission> },
          { path: 'catalogs/:id', element: <RequirePermission permission="catalog.read"><CatalogDetailPage /></RequirePermission> },
          { path: 'catalogs/:id/versions/:version', element: <RequirePermission permission="catalog.read"><VersionReviewPage /></RequirePermission> },
          { path: 'catalogs/eu-ai-act/act-in-force/:act', element: <RequirePermission permission="catalog.read"><ActReviewPage /></RequirePermission> },
          { path: 'measures', element: <RequirePermission permission="catalog.read"><MeasuresPage /></RequirePermission> },
          { path: 'statement-of-applicability', element: <RequirePermission permission="requirement.read"><OrgSoaPage /></RequirePermission> },
          { path: 'evidence', element: <RequirePermission permission="evidence.read"><EvidenceListPage /></RequirePermission> },
          { path: 'evidence/:id', element: <RequirePermission permission="evidence.read"><EvidenceDetailPage /></RequirePermission> },
          { path: 'risks', element: <RequirePermission permission="risk.read"><RiskPortfolioPage /></RequirePermission> },
          // The page checks the kind's write permission (system.update or risk.edit) itself.
          { path: 'import/:kind', element: <BulkImportPage /> },
          { path: 'risks/:id', element: <RequirePermission permission="risk.read"><RiskDetailPage /></RequirePermission> },
          { path: 'risk-matrix', element: <RequirePermission permission="risk.read"><RiskMatrixPage /></RequirePermission> },
          { path: 'tasks', element: <RequirePermission permission="task.read"><MyTasksPage /></RequirePermission> },
          { path: 'tasks/board', element: <RequirePermission permission="task.read"><TaskBoardPage /></RequirePermission> },
          { path: 'nonconformities', element: <RequirePermission permission="nonconformity.read"><NonconformityListPage /></RequirePermission> },
          { path: 'nonconformities/new', element: <RequirePermission permission="nonconformity.edit"><NonconformityCreatePage /></RequirePermission> },
          { path: 'nonconformities/:id', element: <RequirePermission permission="nonconformity.read"><NonconformityDetailPage /></RequirePermission> },
          { path: 'incidents', element: <RequirePermission permission="incident.read"><IncidentListPage /></RequirePermission> },
          { path: 'incidents/new', element: <RequirePermission permission="incident.edit"><IncidentCreatePage /></RequirePermission> },
          { path: 'incidents/:id', element: <RequirePermission permission="incident.read"><IncidentDetailPage /></RequirePermission> },
          { path: 'complaints', element: <RequirePermission permission="complaint.read"><ComplaintListPage /></RequirePermission> },
          { path: 'complaints/:id', element: <RequirePermission permission="complaint.read"><ComplaintDetailPage /></RequirePermission> },
          { path: 'qms', element: <RequirePermission permission="qms.read"><QmsOverviewPage /></RequirePermission> },
          { path: 'qms/documents', element: <RequirePermission permission="qms.read"><QmsDocumentsPage /></RequirePermission> },
          { path: 'qms/documents/:id', element: <RequirePermission permission="qms.read"><QmsDocumentPage /></RequirePermission> },
          { path: 'literacy', element: <RequirePermission permission="training.read"><LiteracyPage /></RequirePermission> },
          { path: 'vendors', element: <RequirePermission permission="vendor.read"><VendorListPage /></RequirePermission> },
          { path: 'vendors/:id', element: <RequirePermission permission="vendor.read"><VendorDetailPage /></RequirePermission> },
          { path: 'dashboard', element: <RequirePermission permission="report.read"><DashboardPage /></RequirePermission> },
          { path: 'lab', element: <RequirePermission permission="lab.read"><LabPage /></RequirePermission> },
          { path: 'lab/methods/:id', element: <RequirePermission permission="lab.read"><MethodDetailPage /></RequirePermission> },
          { path: 'lab/environments/:id', element: <RequirePermission permission="lab.read"><EnvironmentDetailPage /></RequirePermission> },
          { path: 'lab/plans/:id', element: <RequirePermission permission="lab.read"><PlanDetailPage /></RequirePermission> },
          { path: 'lab/gates/:id', element: <RequirePermission permission="lab.read"><GateDetailPage /></RequirePermission> },
          { path: 'lab/runs/:id', element: <RequirePermission permission="lab.read"><RunDetailPage /></RequirePermission> },
          { path: 'models', element: <RequirePermission permission="model.read"><ModelsPage /></RequirePermission> },
          { path: 'models/:id', element: <RequirePermission permission="model.read"><ItemDetailPage key="model" type="model" /></RequirePermission> },
          { path: 'datasets/:id', element: <RequirePermission permission="model.read"><ItemDetailPage key="dataset" type="dataset" /></RequirePermission> },
          { path: 'org-units', element: <RequirePermission permission="orgunit.read"><OrgUnitsPage /></RequirePermission> },
          { path: 'users', element: <RequirePermission permission="user.read"><UsersPage /></RequirePermission> },
          { path: 'account', element: <AccountPage /> },
          { path: 'settings/two-factor', element: <RequirePermission permission="security.configure"><MfaPolicyPage /></RequirePermission> },
          { path: 'settings/single-sign-on', element: <RequirePermission permission="security.configure"><SsoSettingsPage /></RequirePermission> },
          { path: 'settings/sessions', element: <RequirePermission permission="security.configure"><SessionPolicyPage /></RequirePermission> },
          { path: 'audit', element: <RequirePermission permission="audit.verify"><AuditVerifyPage /></RequirePermission> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

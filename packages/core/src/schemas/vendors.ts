import { z } from 'zod';
import { Id, PageQuery, Timestamp, optionalText, text } from './common.js';
import { SUPPLIER_DOCUMENT_KINDS, OWED_LEVELS } from '../vendors/owed-documents.js';
import { RiskClass } from '../classification/result.js';

const IsoDate = z.iso.date();
const Localised = z.object({ de: z.string(), en: z.string() });

const EmailOrEmpty = z
  .string()
  .trim()
  .max(254)
  .refine((v) => v === '' || z.email().safeParse(v).success, { message: 'Enter a valid e-mail address or leave the field empty' });
const WebsiteOrEmpty = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), { message: 'Enter an http(s) address or leave the field empty' });

// ---------------------------------------------------------------------------------------------------------------
// Vendors: organisation-wide records of the suppliers of procured AI, with contracts and AI products.

/** A contract with the vendor; the server assigns an id to a new one. */
export const VendorContractInput = z
  .strictObject({
    id: Id.optional(),
    title: text(300),
    reference: optionalText(200).default(''),
    startDate: IsoDate.nullable().default(null),
    endDate: IsoDate.nullable().default(null),
    /** Free text, e.g. "3 Monate zum Quartalsende". */
    noticePeriod: optionalText(200).default(''),
    notes: optionalText(5000).default(''),
  })
  .superRefine((c, ctx) => {
    if (c.startDate && c.endDate && c.endDate < c.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The contract ends before it starts' });
  });
export type VendorContractInput = z.input<typeof VendorContractInput>;
export const VendorContract = z.object({
  id: Id,
  title: z.string(),
  reference: z.string(),
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  noticePeriod: z.string(),
  notes: z.string(),
});
export type VendorContract = z.infer<typeof VendorContract>;

/** An AI product of the vendor; `gpai`: built on (or itself) a general-purpose AI model. */
export const VendorProductInput = z.strictObject({
  id: Id.optional(),
  name: text(200),
  version: optionalText(100).default(''),
  description: optionalText(5000).default(''),
  gpai: z.boolean().default(false),
});
export type VendorProductInput = z.input<typeof VendorProductInput>;
export const VendorProduct = z.object({ id: Id, name: z.string(), version: z.string(), description: z.string(), gpai: z.boolean() });
export type VendorProduct = z.infer<typeof VendorProduct>;

const vendorFields = {
  /** Unique regardless of case and whitespace. */
  name: text(200),
  address: optionalText(1000),
  contactPerson: optionalText(200),
  email: EmailOrEmpty,
  phone: optionalText(100),
  website: WebsiteOrEmpty,
  notes: optionalText(10_000),
  contracts: z.array(VendorContractInput).max(100),
  products: z.array(VendorProductInput).max(200),
};

export const VendorCreate = z.strictObject({
  ...vendorFields,
  address: vendorFields.address.default(''),
  contactPerson: vendorFields.contactPerson.default(''),
  email: vendorFields.email.default(''),
  phone: vendorFields.phone.default(''),
  website: vendorFields.website.default(''),
  notes: vendorFields.notes.default(''),
  contracts: vendorFields.contracts.default([]),
  products: vendorFields.products.default([]),
});
export type VendorCreate = z.infer<typeof VendorCreate>;

/** A change: the version it is based on and any fields; contracts and products are replaced as a whole (ids keep them). */
export const VendorUpdate = z.strictObject({
  version: z.number().int().min(1),
  reason: optionalText(500).optional(),
  name: vendorFields.name.optional(),
  address: vendorFields.address.optional(),
  contactPerson: vendorFields.contactPerson.optional(),
  email: vendorFields.email.optional(),
  phone: vendorFields.phone.optional(),
  website: vendorFields.website.optional(),
  notes: vendorFields.notes.optional(),
  contracts: vendorFields.contracts.optional(),
  products: vendorFields.products.optional(),
});
export type VendorUpdate = z.infer<typeof VendorUpdate>;

export const Vendor = z.object({
  id: Id,
  name: z.string(),
  address: z.string(),
  contactPerson: z.string(),
  email: z.string(),
  phone: z.string(),
  website: z.string(),
  notes: z.string(),
  contracts: z.array(VendorContract),
  products: z.array(VendorProduct),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Vendor = z.infer<typeof Vendor>;

export const ASSESSMENT_RESULTS = ['approved', 'approved-with-conditions', 'rejected'] as const;
export const AssessmentResult = z.enum(ASSESSMENT_RESULTS);
export type AssessmentResult = z.infer<typeof AssessmentResult>;

/** What the list and the detail show besides the record: systems, the last assessment, documents. Counts cover the reader's scope. */
const VendorStanding = {
  /** AI systems (not archived) linked to the vendor that the reader may see. */
  systemCount: z.number().int(),
  lastAssessment: z.object({ id: Id, assessedOn: IsoDate, result: AssessmentResult }).nullable(),
  /** The next review of the last assessment. */
  nextReview: IsoDate.nullable(),
  reviewState: z.enum(['overdue', 'due']).nullable(),
  /** Owed documents of the linked systems recorded as missing (flagged: and past their due date). */
  missingDocuments: z.number().int(),
  flaggedDocuments: z.number().int(),
};

export const VendorSummary = Vendor.extend(VendorStanding);
export type VendorSummary = z.infer<typeof VendorSummary>;

export const VendorSystem = z.object({
  id: Id,
  name: z.string(),
  orgUnitId: Id,
  sourcing: z.enum(['in-house', 'procured']),
  riskClass: RiskClass.nullable(),
  archived: z.boolean(),
  missingDocuments: z.number().int(),
  flaggedDocuments: z.number().int(),
});
export type VendorSystem = z.infer<typeof VendorSystem>;

export const VendorDetail = Vendor.extend({ ...VendorStanding, systems: z.array(VendorSystem) });
export type VendorDetail = z.infer<typeof VendorDetail>;

export const VendorListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  ...PageQuery,
});
export type VendorListQuery = z.infer<typeof VendorListQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Supplier documents: what the provider of a procured system owes, per system.

export const SupplierDocumentKind = z.enum(SUPPLIER_DOCUMENT_KINDS);
export const SUPPLIER_DOCUMENT_STATUSES = ['received', 'missing', 'not-applicable'] as const;
export const SupplierDocumentStatus = z.enum(SUPPLIER_DOCUMENT_STATUSES);
export type SupplierDocumentStatus = z.infer<typeof SupplierDocumentStatus>;
export const OwedLevel = z.enum(OWED_LEVELS);
export type OwedLevel = z.infer<typeof OwedLevel>;

export const SupplierDocument = z.object({
  kind: SupplierDocumentKind,
  /** Whether the Act makes the supplier owe it for this system, and why. */
  owed: OwedLevel,
  ref: z.string(),
  reason: Localised,
  /** As recorded, or (not recorded yet) missing where owed, not-applicable where not. */
  status: SupplierDocumentStatus,
  recorded: z.boolean(),
  dueDate: IsoDate.nullable(),
  receivedOn: IsoDate.nullable(),
  /** E.g. the registration number in the EU database, or the document's number and date. */
  reference: z.string(),
  /** An evidence record of the system holding the document. */
  evidenceId: Id.nullable(),
  note: z.string(),
  /** Missing and past its due date. */
  flagged: z.boolean(),
  updatedAt: Timestamp.nullable(),
  updatedBy: z.string().nullable(),
});
export type SupplierDocument = z.infer<typeof SupplierDocument>;

export const SupplierDocuments = z.object({
  systemId: Id,
  procured: z.boolean(),
  vendorId: Id.nullable(),
  vendorName: z.string(),
  /** The vendor's product the system is (chosen from the vendor's products), if recorded. */
  productId: Id.nullable(),
  /** Built on a general-purpose AI model: the product is marked GPAI, or it is stated for the system. */
  gpaiBased: z.boolean(),
  /** As stated for the system (the product's mark adds to it). */
  gpaiStated: z.boolean(),
  classificationBasis: z.enum(['approved', 'draft', 'none']),
  riskClass: RiskClass.nullable(),
  items: z.array(SupplierDocument),
  missing: z.number().int(),
  flagged: z.number().int(),
  /** 0 until the checklist is first saved. */
  version: z.number().int(),
});
export type SupplierDocuments = z.infer<typeof SupplierDocuments>;

export const SupplierDocumentInput = z.strictObject({
  kind: SupplierDocumentKind,
  status: SupplierDocumentStatus,
  dueDate: IsoDate.nullable().default(null),
  receivedOn: IsoDate.nullable().default(null),
  reference: optionalText(200).default(''),
  evidenceId: Id.nullable().default(null),
  note: optionalText(2000).default(''),
});
export type SupplierDocumentInput = z.input<typeof SupplierDocumentInput>;

/** PUT /api/systems/{id}/supplier-documents: the items sent are replaced; items not sent stay as they are. */
export const SupplierDocumentsUpdate = z
  .strictObject({
    version: z.number().int().min(0),
    productId: Id.nullable().optional(),
    gpaiBased: z.boolean().optional(),
    items: z.array(SupplierDocumentInput).max(SUPPLIER_DOCUMENT_KINDS.length).default([]),
    reason: optionalText(500).optional(),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.items.forEach((item, i) => {
      if (seen.has(item.kind)) ctx.addIssue({ code: 'custom', path: ['items', i, 'kind'], message: 'Each document once' });
      seen.add(item.kind);
    });
  });
export type SupplierDocumentsUpdate = z.infer<typeof SupplierDocumentsUpdate>;

// ---------------------------------------------------------------------------------------------------------------
// Supplier assessments: questionnaire, result, findings (each may become a risk of an affected system), next review.

export const ASSESSMENT_ANSWERS = ['yes', 'partly', 'no', 'n-a'] as const;
export const AssessmentAnswerValue = z.enum(ASSESSMENT_ANSWERS);

export const AssessmentAnswer = z.strictObject({
  questionId: z.string().min(1).max(100),
  answer: AssessmentAnswerValue,
  comment: optionalText(2000).default(''),
});
export type AssessmentAnswer = z.infer<typeof AssessmentAnswer>;

export const AssessmentFindingInput = z.strictObject({
  id: Id.optional(),
  title: text(300),
  description: optionalText(5000).default(''),
  /** An AI system of this vendor the finding concerns, if one. */
  systemId: Id.nullable().default(null),
  /** Read-only (so a finding can be sent back as it came): the server keeps the risk a finding became. */
  riskId: Id.nullable().optional(),
});
export type AssessmentFindingInput = z.input<typeof AssessmentFindingInput>;

export const AssessmentFinding = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  systemId: Id.nullable(),
  /** The risk this finding became, in the register of `systemId`. */
  riskId: Id.nullable(),
});
export type AssessmentFinding = z.infer<typeof AssessmentFinding>;

const assessmentFields = {
  assessedOn: IsoDate,
  assessor: text(200),
  answers: z.array(AssessmentAnswer).max(100),
  result: AssessmentResult,
  /** What an approval with conditions requires of the supplier. */
  conditions: optionalText(5000),
  findings: z.array(AssessmentFindingInput).max(50),
  nextReview: IsoDate.nullable(),
  notes: optionalText(10_000),
};

function assessmentRules(value: { result?: string | undefined; conditions?: string | undefined; assessedOn?: string | undefined; nextReview?: string | null | undefined; answers?: { questionId: string }[] | undefined }, ctx: z.RefinementCtx) {
  if (value.result === 'approved-with-conditions' && value.conditions !== undefined && value.conditions.trim() === '') {
    ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'Name the conditions of the approval' });
  }
  if (value.assessedOn && value.nextReview && value.nextReview < value.assessedOn) {
    ctx.addIssue({ code: 'custom', path: ['nextReview'], message: 'The next review lies before the assessment' });
  }
  const seen = new Set<string>();
  value.answers?.forEach((a, i) => {
    if (seen.has(a.questionId)) ctx.addIssue({ code: 'custom', path: ['answers', i, 'questionId'], message: 'Each question once' });
    seen.add(a.questionId);
  });
}

export const VendorAssessmentCreate = z
  .strictObject({
    ...assessmentFields,
    answers: assessmentFields.answers.default([]),
    conditions: assessmentFields.conditions.default(''),
    findings: assessmentFields.findings.default([]),
    nextReview: assessmentFields.nextReview.default(null),
    notes: assessmentFields.notes.default(''),
  })
  .superRefine(assessmentRules);
export type VendorAssessmentCreate = z.infer<typeof VendorAssessmentCreate>;

export const VendorAssessmentUpdate = z
  .strictObject({
    version: z.number().int().min(1),
    reason: optionalText(500).optional(),
    assessedOn: assessmentFields.assessedOn.optional(),
    assessor: assessmentFields.assessor.optional(),
    answers: assessmentFields.answers.optional(),
    result: assessmentFields.result.optional(),
    conditions: assessmentFields.conditions.optional(),
    findings: assessmentFields.findings.optional(),
    nextReview: assessmentFields.nextReview.optional(),
    notes: assessmentFields.notes.optional(),
  })
  .superRefine(assessmentRules);
export type VendorAssessmentUpdate = z.infer<typeof VendorAssessmentUpdate>;

export const VendorAssessment = z.object({
  id: Id,
  vendorId: Id,
  assessedOn: IsoDate,
  assessor: z.string(),
  answers: z.array(z.object({ questionId: z.string(), answer: AssessmentAnswerValue, comment: z.string() })),
  result: AssessmentResult,
  conditions: z.string(),
  findings: z.array(AssessmentFinding),
  nextReview: IsoDate.nullable(),
  notes: z.string(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: z.string(),
});
export type VendorAssessment = z.infer<typeof VendorAssessment>;

export const VendorAssessmentParams = z.strictObject({ id: Id, assessmentId: Id });
export const FindingParams = z.strictObject({ id: Id, assessmentId: Id, findingId: Id });

/** POST …/findings/{findingId}/risk: the finding becomes a risk in the register of an AI system of the vendor. */
export const FindingRiskCreate = z.strictObject({
  version: z.number().int().min(1),
  systemId: Id,
  /** A risk source of the catalogue; the model supply chain (H-11) when not given. */
  sourceId: z.string().max(100).nullable().optional(),
  likelihood: z.number().int().min(1).max(10).nullable().optional(),
  impact: z.number().int().min(1).max(10).nullable().optional(),
  owner: optionalText(200).optional(),
  nextReview: IsoDate.nullable().optional(),
});
export type FindingRiskCreate = z.infer<typeof FindingRiskCreate>;

export const FindingRiskCreated = z.object({ assessment: VendorAssessment, riskId: Id });
export type FindingRiskCreated = z.infer<typeof FindingRiskCreated>;

/** The questionnaire as the API serves it (GET /api/vendors/questionnaire). */
export const SupplierQuestionnaire = z.object({
  topics: z.array(z.object({ id: z.string(), label: Localised })),
  questions: z.array(z.object({ id: z.string(), topic: z.string(), ref: z.string().nullable(), text: Localised })),
});
export type SupplierQuestionnaire = z.infer<typeof SupplierQuestionnaire>;

// The pure rules (names, owed documents, questionnaire, review dates) travel with the contracts.
export * from '../vendors/index.js';

import type { AssessmentAnswer, AssessmentFinding, AssessmentResult, Vendor, VendorAssessment, VendorContract, VendorProduct } from '@konform/core';
import type { VendorAssessmentTable, VendorTable } from '../../db/schema.js';

export function presentVendor(row: VendorTable): Vendor {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    contactPerson: row.contact_person,
    email: row.email,
    phone: row.phone,
    website: row.website,
    notes: row.notes,
    contracts: JSON.parse(row.contracts) as VendorContract[],
    products: JSON.parse(row.products) as VendorProduct[],
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentAssessment(row: VendorAssessmentTable): VendorAssessment {
  return {
    id: row.id,
    vendorId: row.vendor_id,
    assessedOn: row.assessed_on,
    assessor: row.assessor,
    answers: JSON.parse(row.answers) as AssessmentAnswer[],
    result: row.result as AssessmentResult,
    conditions: row.conditions,
    findings: JSON.parse(row.findings) as AssessmentFinding[],
    nextReview: row.next_review,
    notes: row.notes,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by_label,
  };
}

// Table types of retention periods and erasure of personal data (migration 0034).
export interface RetentionPolicyTable {
  record_type: string; // a RetentionRecordType
  months: number;
  hold: number; // 0/1: legal hold, the retention job leaves the type alone
  version: number;
  updated_at: string;
  updated_by_label: string;
}

export interface RetentionErasureTable {
  record_type: string;
  record_id: string;
  erased_at: string;
}

export interface AuditRedactionTable {
  id: string;
  erasure_seq: number; // the erasure event that covers this redaction
  entries: string; // JSON [[seq, sha256 of the redacted content], …]
  created_at: string;
}

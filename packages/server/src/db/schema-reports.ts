/** Management reports (#9 point 6): the leadership dashboard stored as it was when generated. */
export interface ManagementReportTable {
  id: string;
  number: number;
  org_unit_id: string | null; // null: every unit
  org_unit_name: string | null;
  locale: string; // de | en
  snapshot: string; // JSON Dashboard
  generated_at: string;
  generated_by_id: string | null;
  generated_by_label: string;
  /** offen | VS-NfD: the highest level of the systems the report counted (migration 0025). */
  classification: string;
}

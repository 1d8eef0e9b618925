/** Incidents (Art. 73) and complaints / explanation requests (Art. 85, 86). */
export interface IncidentTable {
  id: string;
  number: number;
  system_id: string;
  org_unit_id: string;
  title: string;
  description: string;
  occurred_at: string | null;
  aware_at: string;
  affected_persons: string;
  harm: string;
  assessment: string; // JSON IncidentAssessment
  provider_unreachable: number;
  provider_informed_at: string | null;
  counting_rule: string; // calendar-days | hours
  inform_provider_hours: number;
  submissions: string; // JSON IncidentSubmission[]
  task_id: string | null;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

export interface ComplaintTable {
  id: string;
  number: number;
  kind: string; // complaint | explanation-request
  system_id: string;
  org_unit_id: string;
  received_on: string;
  from_text: string;
  subject: string;
  details: string;
  due_date: string;
  answer: string;
  answered_on: string | null;
  status: string; // open | answered | closed
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
}

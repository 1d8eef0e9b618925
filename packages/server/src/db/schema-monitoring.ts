// Table types of post-market monitoring (Art. 72): plans, indicators, measurements.
export interface MonitoringPlanTable {
  id: string;
  system_id: string;
  observed: string;
  status: string; // draft | active | retired
  activated_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  created_by_label: string;
  updated_by_label: string;
}

export interface MonitoringIndicatorTable {
  id: string;
  plan_id: string;
  position: number;
  name: string;
  unit: string;
  comparator: string; // >= | > | <= | <
  threshold: number;
  data_source: string;
  frequency: string; // daily | weekly | monthly | quarterly | yearly
  responsible: string;
  on_breach: string; // task | incident
}

export interface MonitoringMeasurementTable {
  id: string;
  plan_id: string;
  indicator_id: string;
  system_id: string;
  value: number;
  measured_at: string;
  note: string;
  source: string; // manual | api
  breached: number; // 0/1
  task_id: string | null;
  incident_id: string | null;
  recorded_at: string;
  recorded_by_label: string;
}

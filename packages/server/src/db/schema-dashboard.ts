/**
 * Current (not retired) requirement rows of one system and catalogue by status, for the leadership dashboard. Kept by
 * database triggers on requirement_row (migration 0024), never written by the application.
 */
export interface RequirementCountTable {
  system_id: string;
  catalog_id: string;
  n_open: number;
  n_in_progress: number;
  n_implemented: number;
  n_verified: number;
  n_not_applicable: number;
}

// Table types of single sign-on with OpenID Connect (migration 0031).
export interface SsoConfigTable {
  id: string; // 'default'
  enabled: number;
  display_name: string;
  issuer: string;
  client_id: string;
  /** Never leaves the server: the API reports only whether it is set. */
  client_secret: string;
  scopes: string; // JSON string[]
  groups_claim: string;
  mappings: string; // JSON { claimValue, role, orgUnitId }[]
  local_login: string; // on | break-glass-only
  break_glass_emails: string; // JSON string[]
  version: number;
  updated_at: string;
  updated_by_label: string;
}

export interface SsoLoginStateTable {
  id: string; // SHA-256 of the state parameter
  purpose: string; // login | reauth
  nonce: string;
  code_verifier: string;
  return_to: string;
  session_id: string | null;
  created_at: string;
  expires_at: string;
}

import type { FieldChange, LocalLoginMode, SsoConfig, SsoConfigUpdate, SsoMapping, SsoStatus } from '@konform/core';
import { diffRecords } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { SsoConfigTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { invalid, versionConflict } from '../../http/errors.js';
import { assertDiscoverable } from './oidc.js';
import * as repo from './repository.js';

/** The stored configuration, parsed (the secret included: for the server's own use only). */
export interface SsoSettings {
  enabled: boolean;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  groupsClaim: string;
  mappings: SsoMapping[];
  localLogin: LocalLoginMode;
  breakGlassEmails: string[];
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

const EMPTY: SsoSettings = {
  enabled: false, displayName: '', issuer: '', clientId: '', clientSecret: '', scopes: ['openid', 'profile', 'email'], groupsClaim: 'groups',
  mappings: [], localLogin: 'on', breakGlassEmails: [], version: 0, updatedAt: null, updatedBy: null,
};

function parseSettings(row: SsoConfigTable | undefined): SsoSettings {
  if (!row) return EMPTY;
  return {
    enabled: row.enabled === 1,
    displayName: row.display_name,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: row.client_secret,
    scopes: JSON.parse(row.scopes) as string[],
    groupsClaim: row.groups_claim,
    mappings: JSON.parse(row.mappings) as SsoMapping[],
    localLogin: row.local_login === 'break-glass-only' ? 'break-glass-only' : 'on',
    breakGlassEmails: JSON.parse(row.break_glass_emails) as string[],
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by_label,
  };
}

/** What the audit trail records of the configuration: the secret only as "(changed)". */
function auditView(s: SsoSettings) {
  const { clientSecret: _secret, version: _version, updatedAt: _at, updatedBy: _by, ...rest } = s;
  return rest;
}

/** Reads and changes the single sign-on configuration (permission security.configure). */
export class SsoConfigService {
  constructor(private readonly database: Database) {}

  async settings(): Promise<SsoSettings> {
    return parseSettings(await repo.findConfig(this.database.db));
  }

  /** Single sign-on is usable: switched on and complete. */
  async active(): Promise<SsoSettings | null> {
    const s = await this.settings();
    return s.enabled && s.issuer && s.clientId ? s : null;
  }

  async status(): Promise<SsoStatus> {
    const s = await this.active();
    return { enabled: s !== null, displayName: s?.displayName ?? null, localLogin: s?.localLogin ?? 'on' };
  }

  async get(_actor: Actor, redirectUri: string): Promise<SsoConfig> {
    return present(await this.settings(), redirectUri);
  }

  async update(actor: Actor, input: SsoConfigUpdate, redirectUri: string): Promise<SsoConfig> {
    const before = await this.settings();
    if (before.version !== input.version) throw versionConflict();
    const next: SsoSettings = {
      enabled: input.enabled,
      displayName: input.displayName,
      issuer: input.issuer.replace(/\/+$/, ''),
      clientId: input.clientId,
      clientSecret: input.clientSecret ? input.clientSecret : before.clientSecret,
      scopes: input.scopes.includes('openid') ? input.scopes : ['openid', ...input.scopes],
      groupsClaim: input.groupsClaim,
      mappings: input.mappings,
      localLogin: input.localLogin,
      breakGlassEmails: [...new Set(input.breakGlassEmails.map((e) => e.trim().toLowerCase()))],
      version: before.version + 1,
      updatedAt: new Date().toISOString(),
      updatedBy: actor.label,
    };
    if (next.localLogin === 'break-glass-only' && next.breakGlassEmails.length === 0) {
      throw invalid('breakGlassEmails', 'Name at least one administrator who may still sign in with a password');
    }
    const units = await repo.existingUnitIds(this.database.db, next.mappings.map((m) => m.orgUnitId).filter((id) => id !== '*'));
    for (const [index, m] of next.mappings.entries()) {
      if (m.orgUnitId !== '*' && !units.has(m.orgUnitId)) throw invalid(`mappings.${index}.orgUnitId`, 'No such organisational unit');
    }
    // The provider must answer discovery before sign-in is switched on (and whenever its address changes).
    if (next.enabled) await assertDiscoverable(next);
    const at = next.updatedAt!;
    await this.database.db.transaction().execute(async (trx) => {
      const row: SsoConfigTable = {
        id: repo.CONFIG_ID,
        enabled: next.enabled ? 1 : 0,
        display_name: next.displayName,
        issuer: next.issuer,
        client_id: next.clientId,
        client_secret: next.clientSecret,
        scopes: JSON.stringify(next.scopes),
        groups_claim: next.groupsClaim,
        mappings: JSON.stringify(next.mappings),
        local_login: next.localLogin,
        break_glass_emails: JSON.stringify(next.breakGlassEmails),
        version: next.version,
        updated_at: at,
        updated_by_label: actor.label,
      };
      if (!(await repo.saveConfig(trx, row, input.version))) throw versionConflict();
      const changes: FieldChange[] = diffRecords(before.version === 0 ? null : auditView(before), auditView(next));
      if (next.clientSecret !== before.clientSecret) changes.push({ field: 'clientSecret', before: null, after: '(changed)' });
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'sso.configure', entityType: 'sso_config', entityId: repo.CONFIG_ID, changes }, at);
    });
    return present(next, redirectUri);
  }
}

function present(s: SsoSettings, redirectUri: string): SsoConfig {
  return {
    enabled: s.enabled,
    displayName: s.displayName,
    issuer: s.issuer,
    clientId: s.clientId,
    clientSecretSet: s.clientSecret !== '',
    scopes: s.scopes,
    groupsClaim: s.groupsClaim,
    mappings: s.mappings,
    localLogin: s.localLogin,
    breakGlassEmails: s.breakGlassEmails,
    redirectUri,
    version: s.version,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
  };
}

import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  RETENTION_RECORD_TYPES, RETENTION_RULES, type ErasurePreview, type ErasureRequest, type ErasureResult, type RetentionPolicy, type RetentionPolicyUpdate,
  type RetentionRecordType, type RetentionRunResult,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AppUserTable, DB, RetentionPolicyTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { recordRedaction, redactEvents, redactionChange } from '../../audit/redaction.js';
import { conflict, forbidden, invalid, notFound, versionConflict } from '../../http/errors.js';
import { actorLabel } from '../auth/auth-service.js';
import { KEPT_ON_ERASURE } from './person-columns.js';
import { eventsToRedact, findPersonRecords, namedRecordIds, personRedaction, replaceInRecords, type Person } from './person.js';
import { scanTexts } from './person-texts.js';
import { runRetention } from './retention.js';

export const ERASE_PERSON_ACTION = 'privacy.erase-person';

function presentPolicy(row: RetentionPolicyTable): RetentionPolicy {
  const type = row.record_type as RetentionRecordType;
  const rule = RETENTION_RULES[type];
  return {
    recordType: type, months: Number(row.months), minMonths: rule.minMonths, defaultMonths: rule.defaultMonths, start: rule.start, legalBasis: rule.legalBasis,
    hold: Number(row.hold) === 1, version: Number(row.version), updatedAt: row.updated_at, updatedByLabel: row.updated_by_label,
  };
}

/** "Gelöschte Person 1a2b3c4d": the pseudonym that replaces an erased person's name everywhere. */
export function pseudonymOf(userId: string): string {
  return `Gelöschte Person ${userId.slice(0, 8)}`;
}

/** The address an erased account keeps (unique, never deliverable). */
export function erasedEmail(userId: string): string {
  return `geloescht-${userId}@invalid`;
}

/** Names and e-mail addresses a label `Name <e-mail>` (optionally `… via API token …`) carries. */
function parseLabel(label: string): { name: string; email: string } | null {
  const match = /^(.*) <([^<>]+)>(?: via API token .*)?$/.exec(label);
  return match ? { name: match[1]!, email: match[2]! } : null;
}

/**
 * Retention periods per record type and erasure of personal data (DSGVO Art. 17). Both act on the records of the
 * whole organisation, so every operation needs `privacy.manage` for every unit (administrators and governance).
 */
export class PrivacyService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  private async assertOrgWide(actor: Actor): Promise<void> {
    if ((await unitScope(this.db, actor, 'privacy.manage')) !== 'all') throw forbidden('Retention and erasure concern the whole organisation: they need privacy.manage for every unit');
  }

  async policies(actor: Actor): Promise<RetentionPolicy[]> {
    await this.assertOrgWide(actor);
    const rows = await this.db.selectFrom('retention_policy').selectAll().execute();
    const byType = new Map(rows.map((r) => [r.record_type, r]));
    return RETENTION_RECORD_TYPES.filter((t) => byType.has(t)).map((t) => presentPolicy(byType.get(t)!));
  }

  async updatePolicy(actor: Actor, recordType: RetentionRecordType, input: RetentionPolicyUpdate): Promise<RetentionPolicy> {
    await this.assertOrgWide(actor);
    const rule = RETENTION_RULES[recordType];
    if (input.months < rule.minMonths) {
      throw invalid('months', `The retention period of this record type must be at least ${rule.minMonths} months (${rule.legalBasis})`);
    }
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('retention_policy').selectAll().where('record_type', '=', recordType).executeTakeFirst();
      if (!row) throw notFound('Retention period');
      if (Number(row.version) !== input.version) throw versionConflict();
      const hold = input.hold === undefined ? Number(row.hold) : input.hold ? 1 : 0;
      await trx
        .updateTable('retention_policy')
        .set({ months: input.months, hold, version: Number(row.version) + 1, updated_at: now, updated_by_label: actor.label })
        .where('record_type', '=', recordType)
        .execute();
      const changes = [
        ...(Number(row.months) !== input.months ? [{ field: 'months', before: Number(row.months), after: input.months }] : []),
        ...(Number(row.hold) !== hold ? [{ field: 'hold', before: Number(row.hold) === 1, after: hold === 1 }] : []),
      ];
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'retention.update', entityType: 'retention-policy', entityId: recordType, changes }, now);
      return presentPolicy((await trx.selectFrom('retention_policy').selectAll().where('record_type', '=', recordType).executeTakeFirstOrThrow()));
    });
  }

  /** The person behind a user account: every label, name and e-mail address the records may hold for them. */
  private async person(db: Kysely<DB>, user: AppUserTable): Promise<Person> {
    const labels = new Set([actorLabel(user)]);
    const rows = await db.selectFrom('audit_event').select('actor_label').distinct().where('actor_id', '=', user.id).execute();
    for (const r of rows) labels.add(r.actor_label);
    const names = new Set([user.display_name]);
    const emails = new Set([user.email]);
    for (const label of labels) {
      const parsed = parseLabel(label);
      if (parsed) {
        names.add(parsed.name);
        emails.add(parsed.email);
      }
    }
    return { userId: user.id, labels: [...labels], names: [...names].filter((n) => n.trim().length > 0), emails: [...emails], pseudonym: pseudonymOf(user.id) };
  }

  private async loadUser(db: Kysely<DB>, userId: string): Promise<AppUserTable> {
    const user = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('User');
    return user;
  }

  private async erased(db: Kysely<DB>, userId: string): Promise<boolean> {
    const row = await db.selectFrom('audit_event').select('seq').where('action', '=', ERASE_PERSON_ACTION).where('entity_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  async previewErasure(actor: Actor, userId: string): Promise<ErasurePreview> {
    await this.assertOrgWide(actor);
    const user = await this.loadUser(this.db, userId);
    const person = await this.person(this.db, user);
    const texts = await scanTexts(this.db, person, { apply: false, accountEmail: erasedEmail(userId) });
    const records = await findPersonRecords(this.db, person, texts);
    const events = await eventsToRedact(this.db, person, await namedRecordIds(this.db, person, texts));
    return {
      userId, displayName: user.display_name, email: user.email, pseudonym: person.pseudonym, alreadyErased: await this.erased(this.db, userId),
      records: records.filter((r) => r.count > 0),
      mentions: texts.filter((t) => t.kind === 'text').map((t) => ({ table: t.table, column: t.column, records: t.records, mentions: t.mentions })),
      auditEvents: events.length, kept: [...KEPT_ON_ERASURE],
    };
  }

  /**
   * Erases a person on request (DSGVO Art. 17), in one transaction: the account is pseudonymised and disabled (sessions
   * ended, tokens revoked, second factor and roles removed), the records naming them get the pseudonym, and their
   * audit events are redacted under one erasure event that carries the pseudonym only. Cannot be undone.
   */
  async erasePerson(actor: Actor, userId: string, input: ErasureRequest): Promise<ErasureResult> {
    await this.assertOrgWide(actor);
    if (userId === actor.userId) throw invalid('userId', 'You cannot erase your own account');
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const user = await this.loadUser(trx, userId);
      if (await this.erased(trx, userId)) throw conflict('already-erased', 'This person was erased already');
      const person = await this.person(trx, user);
      const texts = await scanTexts(trx, person, { apply: false, accountEmail: erasedEmail(userId) });
      const namedIds = await namedRecordIds(trx, person, texts);
      const events = await eventsToRedact(trx, person, namedIds);
      const { total: records, changed } = await replaceInRecords(trx, person, erasedEmail(userId));
      const redactionId = randomUUID();
      const named = new Set(namedIds);
      const entries = await redactEvents(trx, events, (row) => personRedaction(row, person, named), redactionId, now);
      await this.disableAccount(trx, user, person.pseudonym, now);
      const erasure = await appendAuditEvent(trx, this.database.dialect, actor, {
        action: ERASE_PERSON_ACTION, entityType: 'user', entityId: userId, reason: input.reason,
        changes: [
          { field: 'pseudonym', before: null, after: person.pseudonym }, { field: 'records', before: null, after: records },
          // Which records changed (table, column, record keys): no names, so the event itself never needs redacting.
          { field: 'changedRecords', before: null, after: changed }, redactionChange(redactionId, entries),
        ],
      }, now);
      await recordRedaction(trx, redactionId, erasure.seq, entries, now);
      return { userId, pseudonym: person.pseudonym, records, auditEvents: entries.length, erasureSeq: erasure.seq };
    });
  }

  private async disableAccount(trx: Transaction<DB>, user: AppUserTable, pseudonym: string, now: string): Promise<void> {
    await trx
      .updateTable('app_user')
      .set({ display_name: pseudonym, email: erasedEmail(user.id), password_hash: null, active: 0, sso_issuer: null, sso_subject: null, version: Number(user.version) + 1, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('session').where('user_id', '=', user.id).execute();
    await trx.updateTable('api_token').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    await trx.deleteFrom('user_totp').where('user_id', '=', user.id).execute();
    await trx.deleteFrom('user_recovery_code').where('user_id', '=', user.id).execute();
    await trx.deleteFrom('role_assignment').where('user_id', '=', user.id).execute();
    await trx.deleteFrom('notification').where('user_id', '=', user.id).execute();
  }

  /** Runs the retention sweep now (the scheduled job calls the same function). */
  async runRetention(actor: Actor, now = new Date()): Promise<RetentionRunResult> {
    await this.assertOrgWide(actor);
    return runRetention(this.database, now);
  }
}

import QRCode from 'qrcode';
import type { Transaction } from 'kysely';
import { newTotpSecret, matchTotp, otpauthUri } from '@konform/core/totp';
import type { MfaEnrolment, MfaPolicy, MfaRecoveryCodes, MfaStatus } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AppUserTable, DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { verifyPassword } from '../../auth/password.js';
import { HttpProblem, conflict, forbidden, invalid, notFound, unauthorized } from '../../http/errors.js';
import { findUserById } from '../users/repository.js';
import { recordLoginFailure } from '../auth/session-repository.js';
import { assertNotThrottled } from '../signatures/signer-check.js';
import { consumeSecondFactor, newRecoveryCodes } from './second-factor.js';
import { mfaEnrolmentRequired, readMfaPolicy, writeMfaPolicy } from './policy.js';
import * as repo from './totp-repository.js';

const ISSUER = 'Konform';

/** A wrong code or password: the transaction rolls back, then the failure counts towards sign-in throttling. */
class CredentialWrong extends HttpProblem {
  constructor(readonly email: string, path: 'code' | 'password') {
    super(400, 'validation', 'The request is invalid', [{ path, message: path === 'code' ? 'The code is wrong or was used already' : 'The password is wrong' }]);
  }
}

/** TOTP two-factor sign-in of local accounts: enrolment, recovery codes, disabling, and the administrator policy. */
export class MfaService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async status(actor: Actor): Promise<MfaStatus> {
    const user = await this.localUser(actor);
    const totp = await repo.findTotp(this.db, user.id);
    return {
      enabled: Boolean(totp?.confirmed_at),
      enabledAt: totp?.confirmed_at ?? null,
      recoveryCodesLeft: totp?.confirmed_at ? await repo.countUnusedRecoveryCodes(this.db, user.id) : 0,
      enrolmentRequired: await mfaEnrolmentRequired(this.db, user, actor.assignments),
    };
  }

  /** A new secret, shown as text, otpauth:// URI and QR code; it becomes active once confirmed with a code. */
  async startEnrolment(actor: Actor): Promise<MfaEnrolment> {
    const user = await this.localUser(actor);
    const secret = newTotpSecret();
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.savePendingTotp(trx, user.id, secret, at))) {
        throw conflict('mfa-enabled', 'Two-factor sign-in is on already; turn it off first to enrol a new device');
      }
      // The pending secret is a stored change like any other (the secret itself is never in the trail).
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'mfa.enrol-start', entityType: 'user', entityId: user.id, changes: [{ field: 'totpPending', before: null, after: true }] }, at);
    });
    const uri = otpauthUri(secret, user.email, ISSUER);
    const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUri: uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  /** Confirms the pending secret with a current code; returns the ten recovery codes (shown once). */
  async confirmEnrolment(actor: Actor, code: string): Promise<MfaRecoveryCodes> {
    const user = await this.localUser(actor);
    const now = new Date();
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const totp = await repo.findTotp(trx, user.id);
      if (!totp) throw conflict('mfa-not-started', 'Start the enrolment first');
      if (totp.confirmed_at) throw conflict('mfa-enabled', 'Two-factor sign-in is on already');
      const step = matchTotp(totp.secret, code, now.getTime(), null);
      if (step === null) throw invalid('code', 'The code is wrong; check the time of the device and enter the current code');
      await repo.confirmTotp(trx, user.id, step, at);
      const { codes, rows } = newRecoveryCodes(user.id, at);
      await repo.replaceRecoveryCodes(trx, user.id, rows);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'mfa.enrol', entityType: 'user', entityId: user.id,
        changes: [{ field: 'totp', before: false, after: true }, { field: 'recoveryCodes', before: null, after: codes.length }],
      }, at);
      return { recoveryCodes: codes };
    });
  }

  /** Turns TOTP off: needs the password and a current code (or a recovery code). */
  async disable(actor: Actor, password: string | undefined, code: string): Promise<void> {
    const user = await this.localUser(actor);
    await this.withThrottle(actor, user, async (trx) => {
      if (!password) throw invalid('password', 'Enter your password');
      if (!(await verifyPassword(password, user.password_hash ?? ''))) throw new CredentialWrong(user.email, 'password');
      await this.requireCode(trx, user, code);
      const at = new Date().toISOString();
      await repo.deleteTotp(trx, user.id);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'mfa.disable', entityType: 'user', entityId: user.id, changes: [{ field: 'totp', before: true, after: false }] }, at);
    });
  }

  /** Ten new recovery codes (the old ones stop working); needs a current code. */
  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<MfaRecoveryCodes> {
    const user = await this.localUser(actor);
    return this.withThrottle(actor, user, async (trx) => {
      await this.requireCode(trx, user, code);
      const at = new Date().toISOString();
      const { codes, rows } = newRecoveryCodes(user.id, at);
      await repo.replaceRecoveryCodes(trx, user.id, rows);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'mfa.recovery-codes', entityType: 'user', entityId: user.id, changes: [{ field: 'recoveryCodes', before: null, after: codes.length }] }, at);
      return { recoveryCodes: codes };
    });
  }

  /**
   * An administrator turns off someone else's TOTP when device and recovery codes are lost (`user.manage`); the person
   * then signs in with the password alone and enrols again. Audited as `mfa.reset`.
   */
  async reset(actor: Actor, userId: string): Promise<void> {
    if (actor.userId === userId) throw conflict('own-account', 'Turn your own two-factor sign-in off on your account page');
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (!(await findUserById(trx, userId))) throw notFound('User');
      if (!(await repo.findTotp(trx, userId))) throw conflict('mfa-not-enabled', 'This person has no two-factor sign-in');
      await repo.deleteTotp(trx, userId);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'mfa.reset', entityType: 'user', entityId: userId, changes: [{ field: 'totp', before: true, after: false }] }, at);
    });
  }

  policy(): Promise<MfaPolicy> {
    return readMfaPolicy(this.db);
  }

  async setPolicy(actor: Actor, next: MfaPolicy): Promise<MfaPolicy> {
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const current = await readMfaPolicy(trx);
      if (current.requiredForAdmins === next.requiredForAdmins) return;
      await writeMfaPolicy(trx, next, at, actor.label);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'security.mfa-policy', entityType: 'setting', entityId: 'security.mfa',
        changes: [{ field: 'requiredForAdmins', before: current.requiredForAdmins, after: next.requiredForAdmins }],
      }, at);
    });
    return readMfaPolicy(this.db);
  }

  private async requireCode(trx: Transaction<DB>, user: AppUserTable, code: string): Promise<void> {
    if (!(await repo.hasConfirmedTotp(trx, user.id))) throw conflict('mfa-not-enabled', 'Two-factor sign-in is not on');
    if ((await consumeSecondFactor(trx, user.id, code)) === null) throw new CredentialWrong(user.email, 'code');
  }

  /** Runs work that checks credentials: refused while throttled; a wrong one rolls back and counts as a failed sign-in. */
  private async withThrottle<T>(actor: Actor, user: AppUserTable, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    await assertNotThrottled(this.db, user.email);
    try {
      return await this.db.transaction().execute(work);
    } catch (error) {
      if (error instanceof CredentialWrong) await recordLoginFailure(this.db, error.email, actor.clientAddress ?? '', new Date().toISOString());
      throw error;
    }
  }

  /** Two-factor sign-in is for people with a local password; API tokens and single sign-on accounts cannot enrol. */
  private async localUser(actor: Actor): Promise<AppUserTable> {
    if (actor.via !== 'session' || !actor.userId) throw forbidden('Only a signed-in person manages their two-factor sign-in');
    const user = await findUserById(this.db, actor.userId);
    if (!user || user.active !== 1) throw unauthorized();
    if (user.password_hash === null) throw forbidden('Accounts that sign in through single sign-on use the second factor of the identity provider');
    return user;
  }
}

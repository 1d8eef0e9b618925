import { LAB_VERIFICATION_NOTICE_DAYS, environmentStatus } from '@konform/core';
import type { Database } from '../../db/database.js';
import { presentVerification } from '../../modules/lab/environment-presenter.js';
import { isoDate, type Occasion } from './types.js';

/**
 * Lab environments whose verification ends within 30 days (still verified) or has ended (expired), to the holders of
 * lab.manage in the environment's unit. Once per environment, valid-until date and state: a new verification moves
 * the date and starts afresh. Environments that need verification for another reason (never verified, failed,
 * configuration changed) are shown on the lab pages, not reminded of.
 */
export async function labEnvironmentOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const today = isoDate(now);
  const environments = await database.db.selectFrom('lab_environment').select(['id', 'name', 'org_unit_id', 'container_digest', 'driver_version']).execute();
  if (environments.length === 0) return [];
  const verifications = await database.db.selectFrom('lab_environment_verification').selectAll().execute();
  const occasions: Occasion[] = [];
  for (const env of environments) {
    const status = environmentStatus(
      { containerDigest: env.container_digest, driverVersion: env.driver_version, verifications: verifications.filter((v) => v.environment_id === env.id).map(presentVerification) },
      today,
    );
    const date = status.validUntil;
    if (date === null) continue;
    const expired = status.status === 'expired';
    if (!expired && !(status.status === 'verified' && status.expiresSoon)) continue;
    occasions.push({
      kind: expired ? 'lab-environment-expired' : 'lab-environment-expiring',
      key: `lab-environment:${env.id}:${date}:${expired ? 'expired' : 'expiring'}`,
      recipients: { permission: 'lab.manage', unitId: env.org_unit_id },
      link: `/lab/environments/${env.id}`,
      title: expired
        ? { de: `Verifizierung abgelaufen: ${env.name}`, en: `Verification expired: ${env.name}` }
        : { de: `Verifizierung läuft ab: ${env.name}`, en: `Verification expiring: ${env.name}` },
      body: expired
        ? {
            de: `Die Verifizierung der Prüfumgebung „${env.name}“ galt bis ${date}. Läufe in dieser Umgebung werden markiert und können kein Freigabe-Gate bestehen, bis ein Referenzlauf sie erneut verifiziert.`,
            en: `The verification of the test environment "${env.name}" was valid until ${date}. Runs in this environment are flagged and cannot pass a release gate until a reference run verifies it again.`,
          }
        : {
            de: `Die Verifizierung der Prüfumgebung „${env.name}“ gilt bis ${date} (Hinweis ${LAB_VERIFICATION_NOTICE_DAYS} Tage vorher). Bitte planen Sie einen Referenzlauf.`,
            en: `The verification of the test environment "${env.name}" is valid until ${date} (notice ${LAB_VERIFICATION_NOTICE_DAYS} days ahead). Please plan a reference run.`,
          },
    });
  }
  return occasions;
}

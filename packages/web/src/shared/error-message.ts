import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';

/** A short, translated sentence for a failed request, for alerts and notifications. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.generic');
  if (error.status === 0) return t('errors.network');
  if (error.isVersionConflict) return t('errors.versionConflict');
  if (error.code === 'archived') return t('errors.archived');
  if (error.code === 'email-taken') return t('errors.emailTaken');
  if (error.code === 'last-admin') return t('errors.lastAdmin');
  if (error.code === 'revoked') return t('errors.tokenRevoked');
  if (error.status === 400) return t('errors.validation');
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFound');
  if (error.status === 429) return t('errors.throttled');
  if (error.code === 'database-busy') return t('errors.databaseBusy');
  if (error.code === 'server-busy') return t('errors.serverBusy');
  if (error.code === 'internal') return t('errors.server');
  return error.problem.detail ?? t('errors.generic');
}

import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';

/**
 * The server's field errors by their full dotted path (e.g. `manifest.3.sha256`), in the user's language where the
 * rule is known here; otherwise the server's own message. 409 problems that name a field (label taken, same files,
 * impossible custody order) are shown on that field too.
 */
export function modelFieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!isApiError(error) || (error.status !== 400 && error.status !== 409)) return {};
  const result: Record<string, string> = {};
  for (const { path, message } of error.problem.errors ?? []) {
    const leaf = path.split('.').at(-1) ?? path;
    result[path] =
      error.code === 'label-taken' ? t('models.errors.labelTaken')
      : error.code === 'same-files' ? t('models.errors.sameFiles', { detail: message })
      : error.code === 'invalid-custody-order' ? t('models.errors.custodyOrder', { detail: message })
      : leaf === 'sha256' ? t('models.errors.sha256')
      : leaf === 'legalBasis' ? t('models.errors.legalBasis')
      : leaf === 'collectionTo' ? t('models.errors.collectionTo')
      : leaf === 'location' ? t('models.errors.location')
      : leaf === 'receivedOn' ? t('models.errors.receivedOn')
      : leaf === 'name' || leaf === 'label' ? t('common.required')
      : message;
  }
  return result;
}

/** Errors of the manifest's entries as lines of the text field ("Zeile 4: …"), plus one for the whole list. */
export function manifestErrorText(errors: Record<string, string>, t: TFunction): string | undefined {
  const lines = Object.entries(errors)
    .filter(([path]) => path === 'manifest' || path.startsWith('manifest.'))
    .map(([path, message]) => {
      const index = /^manifest\.(\d+)\./.exec(path)?.[1];
      return index === undefined ? message : t('models.errors.manifestLine', { line: Number(index) + 1, message });
    });
  return lines.length === 0 ? undefined : lines.join(' · ');
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../api/client';
import { useFocusFirstError } from './use-focus-first-error';

/**
 * A form's required title (see `TitleField`): `checkTitle` runs on submit, marks an empty title "required" at the
 * field and says whether to send; after a failed submit, focus moves to the first invalid field.
 */
export function useRequiredTitle(title: string, error: unknown) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState(false);
  useFocusFirstError(error ?? (missing ? 'title' : null));
  return {
    titleError: missing ? t('common.required') : fieldErrorsOf(error).title,
    checkTitle: (): boolean => {
      const present = title.trim() !== '';
      setMissing(!present);
      return present;
    },
  };
}

import { useTranslation } from 'react-i18next';

/** Translations for the system schema's own rules, keyed as serverFieldErrors expects. */
export function useSystemErrorTexts(): Record<string, string> {
  const { t } = useTranslation();
  return {
    vendor: t('system.vendorRequired'),
    'roles:too_small': t('system.rolesRequired'),
    'orgUnitId:invalid': t('common.required'),
  };
}

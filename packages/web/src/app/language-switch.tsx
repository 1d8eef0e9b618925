import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n';

/** DE/EN switch; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : currentLanguage();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('app.language')}
      value={language}
      onChange={(value) => void changeLanguage(value === 'en' ? 'en' : 'de')}
      data={[
        { value: 'de', label: <span aria-label={t('app.languageGerman')}>DE</span> },
        { value: 'en', label: <span aria-label={t('app.languageEnglish')}>EN</span> },
      ]}
    />
  );
}

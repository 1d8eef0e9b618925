import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title for the current route: "<page> – Konform". */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const product = t('app.name');
  useEffect(() => {
    document.title = title === undefined || title === '' ? product : `${title} – ${product}`;
  }, [title, product]);
}

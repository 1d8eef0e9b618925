import { Button, Tooltip } from '@mantine/core';
import { IconPackageExport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Downloads the signed, self-verifying audit package of a system (or of an audit, with `auditId`). */
export function AuditPackageButton({ systemId, auditId }: { systemId?: string; auditId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  const href = auditId ? `/api/audits/${auditId}/package?lang=${lang}` : `/api/systems/${systemId ?? ''}/audit-package?lang=${lang}`;
  return (
    <Tooltip label={t('auditPackage.hint')} multiline w={360} withArrow>
      <Button component="a" href={href} download variant="default" leftSection={<IconPackageExport size={16} aria-hidden />} data-testid="audit-package-download">
        {t('auditPackage.download')}
      </Button>
    </Tooltip>
  );
}

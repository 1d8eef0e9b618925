import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DocumentVersionStatus, SectionCompleteness } from '@konform/core';

const VERSION_COLORS: Record<DocumentVersionStatus, string> = { draft: 'gray', 'in-review': 'yellow', released: 'teal', superseded: 'dark' };
const SECTION_COLORS: Record<SectionCompleteness['status'], string> = { complete: 'teal', partial: 'yellow', missing: 'red' };

export function VersionStatusBadge({ status }: { status: DocumentVersionStatus }) {
  const { t } = useTranslation();
  return <Badge color={VERSION_COLORS[status]} variant="light" c="dark.9" miw="max-content">{t(`documents.status.${status}`)}</Badge>;
}

export function SectionStatusBadge({ status, testId }: { status: SectionCompleteness['status']; testId?: string }) {
  const { t } = useTranslation();
  return <Badge color={SECTION_COLORS[status]} variant="light" c="dark.9" miw="max-content" data-testid={testId}>{t(`documents.completeness.${status}`)}</Badge>;
}

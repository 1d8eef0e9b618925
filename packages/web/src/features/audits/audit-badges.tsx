import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditStatus, ChecklistResult, FindingStatus } from '@konform/core';

const STATUS_COLOR: Record<AuditStatus, string> = { planned: 'gray', 'in-progress': 'blue', reporting: 'violet', closed: 'green', cancelled: 'dark' };
const RESULT_COLOR: Record<ChecklistResult, string> = { conform: 'green', 'minor-nonconformity': 'orange', 'major-nonconformity': 'red', observation: 'blue', 'not-assessed': 'gray' };
const FINDING_COLOR: Record<FindingStatus, string> = { open: 'orange', closed: 'green', accepted: 'teal' };

export function AuditStatusBadge({ status }: { status: AuditStatus }) {
  const { t } = useTranslation();
  return <Badge variant="light" color={STATUS_COLOR[status]} c="dark.9" data-testid="audit-status">{t(`audits.status.${status}`)}</Badge>;
}

export function ResultBadge({ result }: { result: ChecklistResult | null }) {
  const { t } = useTranslation();
  if (result === null) return <Badge variant="outline" color="gray">{t('audits.checklist.unrecorded')}</Badge>;
  return <Badge variant="light" color={RESULT_COLOR[result]} c="dark.9">{t(`audits.result.${result}`)}</Badge>;
}

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  const { t } = useTranslation();
  return <Badge variant="light" color={FINDING_COLOR[status]} c="dark.9" data-testid="finding-status">{t(`audits.findingStatus.${status}`)}</Badge>;
}

import { Badge } from '@mantine/core';
import { IconBan, IconCircleCheck, IconCircleX, IconHourglass, IconReplace, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LabGateStatus } from '@konform/core';

// Light badges with dark text (readable at 4.5:1); the state is said in words and shown by an icon.
const STATUS = {
  open: { color: 'blue', Icon: IconHourglass },
  released: { color: 'teal', Icon: IconShieldCheck },
  superseded: { color: 'gray', Icon: IconReplace },
  invalidated: { color: 'red', Icon: IconBan },
  withdrawn: { color: 'gray', Icon: IconBan },
} as const;

export function GateStatusBadge({ status }: { status: LabGateStatus }) {
  const { t } = useTranslation();
  const { color, Icon } = STATUS[status];
  return (
    <Badge miw="max-content" variant="light" color={color} c="dark.9" tt="none" leftSection={<Icon size={14} aria-hidden />} data-status={status}>
      {t(`labGates.status.${status}`)}
    </Badge>
  );
}

/** A check's outcome: met or not met. */
export function CheckBadge({ passed }: { passed: boolean }) {
  const { t } = useTranslation();
  const Icon = passed ? IconCircleCheck : IconCircleX;
  return (
    <Badge miw="max-content" variant="light" color={passed ? 'teal' : 'red'} c="dark.9" tt="none" leftSection={<Icon size={14} aria-hidden />} data-passed={passed}>
      {t(passed ? 'labGates.checks.passed' : 'labGates.checks.failed')}
    </Badge>
  );
}

import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed, IconCircleX, IconClock, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LabAuthorisationState, LabEnvironmentStatus, LabMethodStatus, LabVerificationNeed } from '@konform/core';
import { formatDate } from '../../i18n/format';

// Light badges with dark text of the same hue (readable at 4.5:1); the state is said in words and shown by an icon.
const METHOD = {
  validated: { color: 'teal', text: 'dark.9', Icon: IconCircleCheck },
  'revalidation-needed': { color: 'yellow', text: 'dark.9', Icon: IconRefresh },
  'not-validated': { color: 'gray', text: 'dark.9', Icon: IconCircleDashed },
} as const;

export function MethodStatusBadge({ status }: { status: LabMethodStatus }) {
  const { t } = useTranslation();
  const { color, text, Icon } = METHOD[status];
  return (
    <Badge miw="max-content" variant="light" color={color} c={text} tt="none" leftSection={<Icon size={14} aria-hidden />} data-status={status}>
      {t(`lab.methods.status.${status}`)}
    </Badge>
  );
}

const ENVIRONMENT = {
  verified: { color: 'teal', text: 'dark.9', Icon: IconCircleCheck },
  expired: { color: 'red', text: 'dark.9', Icon: IconAlertTriangle },
  'verification-needed': { color: 'yellow', text: 'dark.9', Icon: IconRefresh },
} as const;

/** verified (with "expires soon" when within 30 days), expired, or verification needed with the reason. */
export function EnvironmentStatusBadge({ status, need, expiresSoon, validUntil }: { status: LabEnvironmentStatus; need: LabVerificationNeed | null; expiresSoon: boolean; validUntil: string | null }) {
  const { t, i18n } = useTranslation();
  const { color, text, Icon } = status === 'verified' && expiresSoon ? { color: 'yellow', text: 'dark.9', Icon: IconClock } : ENVIRONMENT[status];
  const label =
    status === 'verified' && expiresSoon
      ? t('lab.environments.status.expiresSoon', { date: formatDate(validUntil, i18n.language) })
      : status === 'verification-needed' && need !== null
        ? `${t('lab.environments.status.verification-needed')} · ${t(`lab.environments.need.${need}`)}`
        : t(`lab.environments.status.${status}`);
  return (
    <Badge miw="max-content" variant="light" color={color} c={text} tt="none" leftSection={<Icon size={14} aria-hidden />} data-status={status}>
      {label}
    </Badge>
  );
}

export function PassedBadge({ passed }: { passed: boolean }) {
  const { t } = useTranslation();
  const Icon = passed ? IconCircleCheck : IconCircleX;
  return (
    <Badge miw="max-content" variant="light" color={passed ? 'teal' : 'red'} c="dark.9" tt="none" leftSection={<Icon size={14} aria-hidden />}>
      {t(passed ? 'lab.common.passed' : 'lab.common.failed')}
    </Badge>
  );
}

const AUTH_COLORS: Record<LabAuthorisationState, [string, string]> = { active: ['teal', 'dark.9'], pending: ['blue', 'dark.9'], ended: ['gray', 'dark.9'], revoked: ['gray', 'dark.9'] };

export function AuthorisationStateBadge({ state }: { state: LabAuthorisationState }) {
  const { t } = useTranslation();
  const [color, text] = AUTH_COLORS[state];
  return (
    <Badge miw="max-content" variant="light" color={color} c={text} tt="none">
      {t(`lab.authorisations.state.${state}`)}
    </Badge>
  );
}

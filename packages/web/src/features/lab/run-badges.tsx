import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LabRunVerdict } from '@konform/core';

// Light badges with dark text (readable at 4.5:1); the verdict is said in words and shown by an icon.
const VERDICT = {
  pass: { color: 'teal', Icon: IconCircleCheck },
  fail: { color: 'red', Icon: IconCircleX },
  incomplete: { color: 'yellow', Icon: IconCircleDashed },
} as const;

/** The verdict of a run, or of one test case (pass or fail). */
export function RunVerdictBadge({ verdict, testId }: { verdict: LabRunVerdict; testId?: string }) {
  const { t } = useTranslation();
  const { color, Icon } = VERDICT[verdict];
  return (
    <Badge miw="max-content" variant="light" color={color} c="dark.9" tt="none" leftSection={<Icon size={14} aria-hidden />} data-verdict={verdict} data-testid={testId}>
      {t(`labRuns.verdict.${verdict}`)}
    </Badge>
  );
}

/** A warning badge for what was not in order when the run was recorded (environment, method, digest). */
export function RunFlag({ label, testId }: { label: string; testId?: string }) {
  return (
    <Badge miw="max-content" variant="light" color="orange" c="dark.9" tt="none" leftSection={<IconAlertTriangle size={14} aria-hidden />} data-testid={testId}>
      {label}
    </Badge>
  );
}

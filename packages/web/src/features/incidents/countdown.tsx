import { useEffect, useState } from 'react';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { timeLeft } from '@konform/core';

/** The current time, refreshed every minute (deadlines count down while the page is open). */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Days and hours left until a deadline; red once overdue, orange in the last 24 hours; met deadlines say so. */
export function Countdown({ dueAt, metAt, now, testId }: { dueAt: string; metAt: string | null; now: Date; testId?: string }) {
  const { t } = useTranslation();
  if (metAt !== null) {
    return <Badge color="teal" variant="light" c="dark.9" data-testid={testId}>{t('incidents.countdown.met')}</Badge>;
  }
  const left = timeLeft(dueAt, now);
  const color = left.overdue ? 'red.9' : left.days === 0 ? 'orange' : 'blue';
  return (
    <Badge color={color} variant={left.overdue ? 'filled' : 'light'} c={left.overdue ? 'white' : 'dark.9'} data-testid={testId} data-overdue={left.overdue}>
      {t(left.overdue ? 'incidents.countdown.overdue' : 'incidents.countdown.left', { days: left.days, hours: left.hours })}
    </Badge>
  );
}

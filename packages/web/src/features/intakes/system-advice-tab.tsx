import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { AdviceLog } from './advice-log';
import { useAddSystemAdvice, useSystemAdvice } from './intake-queries';

/** The advice log that stays with the system (carried over from its intake, continued here). */
export function SystemAdviceTab({ systemId, archived }: { systemId: string; archived: boolean }) {
  const { can } = useAuth();
  const query = useSystemAdvice(systemId);
  const add = useAddSystemAdvice(systemId);
  if (query.isPending) return <FullPageLoader />;
  if (query.data === undefined) return <ErrorAlert error={query.error} />;
  return <AdviceLog advice={query.data} add={can('intake.manage') && !archived ? add : undefined} headingId="system-advice" />;
}

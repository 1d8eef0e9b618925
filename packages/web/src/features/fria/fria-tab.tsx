import { useCallback, useState } from 'react';
import { Stack } from '@mantine/core';
import type { AiSystem } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { ApproveFriaDialog } from './approve-fria-dialog';
import { FriaForm } from './fria-form';
import { FriaOverview } from './fria-overview';
import { useFria, useReloadFria } from './fria-queries';
import { FriaVersions } from './fria-versions';
import { RecordTasks } from '../tasks/record-tasks';

/**
 * The fundamental rights impact assessment (Art. 27 KI-VO) of a system: whether it is required, its state and
 * outdated elements, the versions with the notification export, the guided form and the four-eyes approval.
 */
export function FriaTab({ system }: { system: AiSystem }) {
  const { can } = useAuth();
  const query = useFria(system.id);
  const reload = useReloadFria(system.id);
  const [approving, setApproving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const onDirtyChange = useCallback((value: boolean) => setDirty(value), []);

  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const state = query.data;
  const { current } = state;
  const archived = system.archivedAt !== null;
  const editable = can('risk.edit') && !archived;
  const draft = current?.state === 'draft' ? current : null;
  const canApprove = state.required && draft !== null && can('fria.approve') && !archived;

  return (
    <Stack gap="lg">
      <FriaOverview systemId={system.id} state={state} onApprove={canApprove ? () => setApproving(true) : undefined} />
      {state.versions.length > 0 ? <FriaVersions systemId={system.id} state={state} /> : null}
      {state.required && (editable || current !== null) ? (
        <FriaForm
          key={current === null ? 'new' : `${current.number}:${current.version}`}
          system={system}
          state={state}
          editable={editable}
          onDirtyChange={onDirtyChange}
          onReload={() => void reload()}
        />
      ) : null}
      <RecordTasks record={{ recordType: 'fria', recordId: system.id, systemId: system.id }} editable={!archived} />
      {approving && draft !== null ? (
        <ApproveFriaDialog
          systemId={system.id}
          draft={draft}
          outdated={state.outdated}
          unsaved={dirty}
          onClose={() => setApproving(false)}
          onReload={() => void reload()}
        />
      ) : null}
    </Stack>
  );
}

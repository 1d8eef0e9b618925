import { Stack } from '@mantine/core';
import type { AiSystem } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { MilestoneTimeline } from './milestone-timeline';
import { RecordTasks } from './record-tasks';

/** The system's tab "Tasks & milestones": its timeline (legal milestones and due dates) and every task on its records. */
export function SystemTasksTab({ system }: { system: AiSystem }) {
  const { can } = useAuth();
  return (
    <Stack gap="lg">
      {can('requirement.read') ? <MilestoneTimeline systemId={system.id} /> : null}
      {can('task.read') ? <RecordTasks record={{ recordType: 'system', recordId: system.id, systemId: system.id }} list="system" editable={system.archivedAt === null} /> : null}
    </Stack>
  );
}

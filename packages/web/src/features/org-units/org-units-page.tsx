import { useState } from 'react';
import { ActionIcon, Button, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { OrgUnitDialog } from './org-unit-dialog';
import { buildUnitTree, useOrgUnits, type UnitNode } from './org-unit-queries';

function UnitTree({ nodes, onEdit }: { nodes: UnitNode[]; onEdit: ((unit: OrgUnit) => void) | null }) {
  const { t } = useTranslation();
  return (
    <ul>
      {nodes.map((node) => (
        <li key={node.unit.id}>
          <div className="unit-row">
            <Text fw={500} fz="sm">
              {node.unit.name}
            </Text>
            {node.unit.shortName !== '' ? (
              <Text fz="sm" c="dimmed">
                {node.unit.shortName}
              </Text>
            ) : null}
            {onEdit !== null ? (
              <Tooltip label={t('orgUnits.editNamed', { name: node.unit.name })}>
                <ActionIcon variant="subtle" color="gray.7" aria-label={t('orgUnits.editNamed', { name: node.unit.name })} onClick={() => onEdit(node.unit)}>
                  <IconPencil size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            ) : null}
          </div>
          {node.children.length > 0 ? <UnitTree nodes={node.children} onEdit={onEdit} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function OrgUnitsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('orgUnits.title'));
  const query = useOrgUnits();
  const [dialog, setDialog] = useState<{ unit: OrgUnit | null } | null>(null);
  const manage = can('orgunit.manage');
  const units = (query.data ?? []).filter((u) => u.archivedAt === null);
  const tree = buildUnitTree(units);

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('orgUnits.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('orgUnits.intro')}
          </Text>
        </div>
        {manage ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ unit: null })}>
            {t('orgUnits.new')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <FullPageLoader />
      ) : (
        <Paper withBorder p="md">
          {tree.length === 0 ? (
            <Text c="dimmed">{t('orgUnits.empty')}</Text>
          ) : (
            <div aria-label={t('orgUnits.treeLabel')} role="group" className="unit-tree">
              <UnitTree nodes={tree} onEdit={manage ? (unit) => setDialog({ unit }) : null} />
            </div>
          )}
        </Paper>
      )}
      {dialog !== null ? <OrgUnitDialog units={query.data ?? []} unit={dialog.unit} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}

import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AiSystem } from '@konform/core';
import { formatDateTime } from '../../i18n/format';
import { ClassificationStatusBadge, RiskClassBadge } from '../classification/classification-badges';
import { SortableTh } from '../../shared/sortable-th';
import { StageBadge } from './stage-badge';
import { ClassifiedBadge } from '../../shared/classified-badge';

interface Props {
  systems: AiSystem[];
  unitNames: Map<string, string>;
  sort: string;
  onSort: (sort: string) => void;
}

export function SystemTable({ systems, unitNames, sort, onSort }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover withTableBorder stickyHeader>
        <caption className="visually-hidden">{t('inventory.tableCaption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" label={t('system.fields.name')} sort={sort} onSort={onSort} />
            <SortableTh field="shortName" label={t('system.fields.shortName')} sort={sort} onSort={onSort} />
            <Table.Th>{t('inventory.unit')}</Table.Th>
            <SortableTh field="lifecycleStage" label={t('system.fields.lifecycleStage')} sort={sort} onSort={onSort} />
            <Table.Th>{t('system.fields.roles')}</Table.Th>
            <Table.Th>{t('inventory.riskClass')}</Table.Th>
            <Table.Th>{t('inventory.classification')}</Table.Th>
            <Table.Th>{t('system.fields.sourcing')}</Table.Th>
            <SortableTh field="updatedAt" label={t('system.fields.updatedAt')} sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {systems.map((system) => (
            <Table.Tr key={system.id}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Anchor component={Link} to={`/systems/${system.id}`} fw={500} fz="sm">
                    {system.name}
                  </Anchor>
                  <ClassifiedBadge level={system.classification} size="xs" />
                  {system.archivedAt !== null ? (
                    <Badge size="xs" color="gray" variant="outline">
                      {t('inventory.archivedBadge')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>{system.shortName === '' ? t('common.none') : system.shortName}</Table.Td>
              <Table.Td>{unitNames.get(system.orgUnitId) ?? t('common.none')}</Table.Td>
              <Table.Td>
                <StageBadge stage={system.lifecycleStage} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {system.roles.map((role) => (
                    <Badge key={role}  variant="light" color="petrol">
                      {t(`system.operatorRoles.${role}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <RiskClassBadge riskClass={system.riskClass} />
              </Table.Td>
              <Table.Td>
                <ClassificationStatusBadge status={system.classificationStatus} />
              </Table.Td>
              <Table.Td>{t(`system.sourcings.${system.sourcing}`)}</Table.Td>
              <Table.Td>
                <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(system.updatedAt, i18n.language)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

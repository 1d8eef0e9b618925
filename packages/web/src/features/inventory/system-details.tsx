import { Fragment, type ReactNode } from 'react';
import { Badge, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AiSystem } from '@konform/core';
import { formatDateTime } from '../../i18n/format';
import { StageBadge } from './stage-badge';
import { VendorLink } from '../vendors/vendor-link';

/** Every field of an AI system as a description list. */
export function SystemDetails({ system, unitName }: { system: AiSystem; unitName: string }) {
  const { t, i18n } = useTranslation();
  const none = t('common.none');
  const textOr = (value: string) => (value.trim() === '' ? none : value);
  const rows: [string, ReactNode][] = [
    [t('system.fields.name'), system.name],
    [t('system.fields.shortName'), textOr(system.shortName)],
    [t('system.fields.purpose'), textOr(system.purpose)],
    [t('system.fields.description'), textOr(system.description)],
    [t('system.fields.orgUnitId'), unitName],
    [t('system.fields.responsible'), textOr(system.responsible)],
    [t('system.fields.lifecycleStage'), <StageBadge key="stage" stage={system.lifecycleStage} />],
    [
      t('system.fields.roles'),
      <Group key="roles" gap={4}>
        {system.roles.map((role) => (
          <Badge key={role} variant="light" color="petrol">
            {t(`system.operatorRoles.${role}`)}
          </Badge>
        ))}
      </Group>,
    ],
    [t('system.fields.sourcing'), t(`system.sourcings.${system.sourcing}`)],
    [t('system.fields.vendor'), <VendorLink key="vendor" system={system} />],
    [t('system.fields.deploymentContext'), textOr(system.deploymentContext)],
    [t('system.fields.affectedPersons'), textOr(system.affectedPersons)],
    [t('system.fields.autonomy'), t(`system.autonomyLevels.${system.autonomy}`)],
    [
      t('system.fields.tags'),
      system.tags.length === 0 ? (
        none
      ) : (
        <Group key="tags" gap={4}>
          {system.tags.map((tag) => (
            <Badge key={tag} variant="outline" color="gray.7">
              {tag}
            </Badge>
          ))}
        </Group>
      ),
    ],
    [t('system.fields.createdAt'), formatDateTime(system.createdAt, i18n.language)],
    [t('system.fields.updatedAt'), formatDateTime(system.updatedAt, i18n.language)],
    [t('system.fields.version'), String(system.version)],
  ];
  return (
    <Paper withBorder p="lg">
      <dl className="detail-list">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{typeof value === 'string' ? <Text fz="sm" component="span">{value}</Text> : value}</dd>
          </Fragment>
        ))}
      </dl>
    </Paper>
  );
}

import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LAB_ENVIRONMENT_STATUSES, type LabHardware } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { EnvironmentFormDrawer } from './environment-form-drawer';
import { EnvironmentStatusBadge } from './lab-badges';
import { LabListTab } from './lab-list-tab';
import { useLabEnvironments } from './lab-queries';

/** "4 × NVIDIA H100, AMD EPYC, 512 GB" from the hardware fields that are filled in. */
export function hardwareLine(h: LabHardware, memoryLabel: (gb: number) => string): string {
  const parts = [h.gpuModel ? `${h.gpuCount > 0 ? `${h.gpuCount} × ` : ''}${h.gpuModel}` : '', h.cpu, h.memoryGb > 0 ? memoryLabel(h.memoryGb) : ''];
  return parts.filter((p) => p !== '').join(', ');
}

/** The lab's environments (equipment) with their verification status. */
export function EnvironmentsTab() {
  const { t, i18n } = useTranslation();
  return (
    <LabListTab
      section="environments"
      entity="environment"
      statuses={LAB_ENVIRONMENT_STATUSES}
      statusLabel={(s) => t(`lab.environments.status.${s}`)}
      useItems={useLabEnvironments}
      columns={[t('lab.environments.fields.hardware'), t('lab.environments.fields.location'), t('lab.common.unit'), t('lab.common.status'), t('lab.environments.validUntil')]}
      cells={(e) => (
        <>
          <Table.Td>{hardwareLine(e.hardware, (gb) => t('lab.environments.memory', { gb })) || t('common.none')}</Table.Td>
          <Table.Td>{e.location || t('common.none')}</Table.Td>
          <Table.Td>{e.orgUnitName}</Table.Td>
          <Table.Td>
            <EnvironmentStatusBadge status={e.status} need={e.need} expiresSoon={e.expiresSoon} validUntil={e.validUntil} />
          </Table.Td>
          <Table.Td>{e.validUntil === null ? t('common.none') : formatDate(e.validUntil, i18n.language)}</Table.Td>
        </>
      )}
      createDrawer={(onClose, onSaved) => <EnvironmentFormDrawer onClose={onClose} onSaved={onSaved} />}
    />
  );
}

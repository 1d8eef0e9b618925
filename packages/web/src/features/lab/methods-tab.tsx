import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LAB_METHOD_STATUSES } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { MethodStatusBadge } from './lab-badges';
import { LabListTab } from './lab-list-tab';
import { MethodFormDrawer } from './method-form-drawer';
import { useLabMethods } from './lab-queries';

/** The evaluation methods with their validation status and authorised staff. */
export function MethodsTab() {
  const { t, i18n } = useTranslation();
  return (
    <LabListTab
      section="methods"
      entity="method"
      statuses={LAB_METHOD_STATUSES}
      statusFilterTestId="lab-method-status-filter"
      statusLabel={(s) => t(`lab.methods.status.${s}`)}
      useItems={useLabMethods}
      columns={[t('lab.methods.fields.harness'), t('lab.common.unit'), t('lab.common.status'), t('lab.methods.lastValidation'), t('lab.methods.authorisedStaff')]}
      cells={(m) => (
        <>
          <Table.Td>
            {t(`lab.harness.${m.harness}`)} <Text span fz="sm" ff="monospace">{m.harnessVersion}</Text>
          </Table.Td>
          <Table.Td>{m.orgUnitName}</Table.Td>
          <Table.Td>
            <MethodStatusBadge status={m.status} />
          </Table.Td>
          <Table.Td>{m.lastValidation === null ? t('common.none') : `${formatDate(m.lastValidation.validatedOn, i18n.language)} (${m.lastValidation.harnessVersion})`}</Table.Td>
          <Table.Td>{m.authorisedCount}</Table.Td>
        </>
      )}
      createDrawer={(onClose, onSaved) => <MethodFormDrawer onClose={onClose} onSaved={onSaved} />}
    />
  );
}

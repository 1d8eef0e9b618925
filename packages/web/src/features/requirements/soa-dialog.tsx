import { Alert, Modal, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SystemSoa } from '@konform/core';
import { api } from '../../api/client';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { RequirementStatusBadge } from './requirement-status-badge';
import { SoaCells } from './soa-cells';

const SOA_CATALOG = 'iso-42001';

/** The system's statement of applicability (Erklärung zur Anwendbarkeit) for the ISO/IEC 42001 Annex A controls. */
export function SoaDialog({ systemId, onClose }: { systemId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['systems', 'requirements', systemId, 'soa', SOA_CATALOG],
    queryFn: () => api.get<SystemSoa>(`/systems/${systemId}/statement-of-applicability`, { catalog: SOA_CATALOG }),
  });
  return (
    <Modal opened onClose={onClose} title={t('matrix.soa.title')} size="90rem" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {query.data === undefined ? (
        query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />
      ) : (
        <>
          <Text fz="sm" mb="sm">
            {t('matrix.soa.intro')}
          </Text>
          {query.data.basis === 'approved' ? null : (
            <Alert color="orange" variant="light" mb="sm">
              <Text fz="sm">{query.data.basis === 'draft' ? t('matrix.basis.draft') : t('matrix.basis.none')}</Text>
            </Alert>
          )}
          <Table verticalSpacing={4} fz="sm" striped>
            <caption className="visually-hidden">{t('matrix.soa.title')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('matrix.ref')}</Table.Th>
                <Table.Th>{t('matrix.requirement')}</Table.Th>
                <Table.Th>{t('matrix.soa.applicable')}</Table.Th>
                <Table.Th>{t('matrix.soa.justification')}</Table.Th>
                <Table.Th>{t('matrix.statusColumn')}</Table.Th>
                <Table.Th ta="right">{t('matrix.measuresCount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((item) => (
                <Table.Tr key={item.requirementId}>
                  <SoaCells item={item} />
                  <Table.Td>
                    <RequirementStatusBadge status={item.status} />
                  </Table.Td>
                  <Table.Td ta="right">{item.measures.length}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Modal>
  );
}

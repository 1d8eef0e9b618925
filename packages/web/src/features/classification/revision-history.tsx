import { Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FullPageLoader } from '../../app/route-guards';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { ClassificationStatusBadge, RiskClassBadge } from './classification-badges';
import { useClassificationRevisions } from './classification-queries';
import { shortHash } from './short-hash';

/** Every saved revision of a system's classification, newest first. */
export function RevisionHistory({ systemId }: { systemId: string }) {
  const { t, i18n } = useTranslation();
  const query = useClassificationRevisions(systemId);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="classification-revisions">
      <Title order={2} id="classification-revisions" mb="md">
        {t('classification.revisions.title')}
      </Title>
      {query.isPending ? (
        <FullPageLoader />
      ) : query.data === undefined ? (
        <ErrorAlert error={query.error} />
      ) : query.data.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('classification.revisions.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder striped>
            <caption className="visually-hidden">{t('classification.revisions.title')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('classification.revisions.number')}</Table.Th>
                <Table.Th>{t('classification.revisions.status')}</Table.Th>
                <Table.Th>{t('classification.result.riskClass')}</Table.Th>
                <Table.Th>{t('classification.revisions.decided')}</Table.Th>
                <Table.Th>{t('classification.revisions.approved')}</Table.Th>
                <Table.Th>{t('classification.revisions.hash')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.number}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <ClassificationStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <RiskClassBadge riskClass={r.result.riskClass} />
                  </Table.Td>
                  <Table.Td>
                    {r.decidedBy.label}
                    <Text fz="xs" c="dimmed">
                      {formatDateTime(r.decidedAt, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {r.approval === null ? (
                      t('common.none')
                    ) : (
                      <>
                        {r.approval.signer.label}
                        <Text fz="xs" c="dimmed">
                          {formatDateTime(r.approval.signedAt, i18n.language)}
                        </Text>
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text component="code" fz="xs" title={r.stateHash} className="hash">
                      {shortHash(r.stateHash)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

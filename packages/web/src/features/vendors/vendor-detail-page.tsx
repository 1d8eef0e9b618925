import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { VendorDetail } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { FactList } from '../../shared/fact-list';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { AssessmentsSection } from './assessments-section';
import { NextReview, ResultBadge } from './vendor-badges';
import { VendorFormDrawer } from './vendor-form-drawer';
import { useVendor } from './vendor-queries';

function Section({ title, id, children, action }: { title: string; id: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="md">
        <Title order={2} id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

/** A vendor: contact, contracts, AI products, the linked systems with their missing documents, and the assessments. */
export function VendorDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useVendor(id);
  usePageTitle(query.data?.name ?? t('vendors.list.title'));
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  return <Detail vendor={query.data} onReload={() => void query.refetch()} />;
}

function Detail({ vendor, onReload }: { vendor: VendorDetail; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { names } = useUnitOptions();
  const [editing, setEditing] = useState(false);
  const none = t('common.none');
  const textOr = (value: string) => (value.trim() === '' ? none : value);
  const contact: [string, ReactNode][] = [
    [t('vendors.fields.address'), <Text key="a" fz="sm" style={{ whiteSpace: 'pre-line' }} component="span">{textOr(vendor.address)}</Text>],
    [t('vendors.fields.contactPerson'), textOr(vendor.contactPerson)],
    [t('vendors.fields.email'), vendor.email === '' ? none : <Anchor key="e" href={`mailto:${vendor.email}`} fz="sm">{vendor.email}</Anchor>],
    [t('vendors.fields.phone'), textOr(vendor.phone)],
    [t('vendors.fields.website'), vendor.website === '' ? none : <Anchor key="w" href={vendor.website} target="_blank" rel="noreferrer noopener" fz="sm">{vendor.website}</Anchor>],
    [t('vendors.fields.notes'), <Text key="n" fz="sm" style={{ whiteSpace: 'pre-line' }} component="span">{textOr(vendor.notes)}</Text>],
  ];

  return (
    <Stack gap="md" maw={1280}>
      <div>
        <Anchor component={Link} to="/vendors" fz="sm">
          {t('vendors.detail.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt={4}>
          <div>
            <Title order={1}>{vendor.name}</Title>
            <Group gap="sm" mt={4}>
              {vendor.lastAssessment ? <ResultBadge result={vendor.lastAssessment.result} /> : <Text fz="sm" c="dimmed">{t('vendors.list.notAssessed')}</Text>}
              <Text fz="sm" c="dimmed" component="span">
                {t('vendors.list.nextReview')}: <NextReview date={vendor.nextReview} state={vendor.reviewState} />
              </Text>
            </Group>
          </div>
          {can('vendor.edit') ? (
            <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)} data-testid="vendor-edit">
              {t('common.edit')}
            </Button>
          ) : null}
        </Group>
      </div>

      <Section title={t('vendors.detail.contact')} id="vendor-contact">
        <FactList rows={contact} />
      </Section>

      <Section title={t('vendors.fields.contracts')} id="vendor-contracts">
        {vendor.contracts.length === 0 ? (
          <Text fz="sm" c="dimmed">{t('vendors.form.noContracts')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped>
              <caption className="visually-hidden">{t('vendors.fields.contracts')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('vendors.contracts.title')}</Table.Th>
                  <Table.Th>{t('vendors.contracts.reference')}</Table.Th>
                  <Table.Th>{t('vendors.contracts.term')}</Table.Th>
                  <Table.Th>{t('vendors.contracts.noticePeriod')}</Table.Th>
                  <Table.Th>{t('vendors.contracts.notes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {vendor.contracts.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.title}</Table.Td>
                    <Table.Td>{textOr(c.reference)}</Table.Td>
                    <Table.Td>{c.startDate === null && c.endDate === null ? none : t('vendors.contracts.termValue', { start: formatDate(c.startDate, i18n.language), end: formatDate(c.endDate, i18n.language) })}</Table.Td>
                    <Table.Td>{textOr(c.noticePeriod)}</Table.Td>
                    <Table.Td>{textOr(c.notes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      <Section title={t('vendors.fields.products')} id="vendor-products">
        {vendor.products.length === 0 ? (
          <Text fz="sm" c="dimmed">{t('vendors.form.noProducts')}</Text>
        ) : (
          <Table striped>
            <caption className="visually-hidden">{t('vendors.fields.products')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('vendors.products.name')}</Table.Th>
                <Table.Th>{t('vendors.products.version')}</Table.Th>
                <Table.Th>{t('vendors.products.description')}</Table.Th>
                <Table.Th>{t('vendors.products.gpaiColumn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {vendor.products.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{textOr(p.version)}</Table.Td>
                  <Table.Td>{textOr(p.description)}</Table.Td>
                  <Table.Td>{p.gpai ? t('common.yes') : t('common.no')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <Section title={t('vendors.detail.systems')} id="vendor-systems">
        {vendor.systems.length === 0 ? (
          <Text fz="sm" c="dimmed">{t('vendors.detail.noSystems')}</Text>
        ) : (
          <Table striped data-testid="vendor-systems">
            <caption className="visually-hidden">{t('vendors.detail.systems')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('system.fields.name')}</Table.Th>
                <Table.Th>{t('system.fields.orgUnitId')}</Table.Th>
                <Table.Th>{t('vendors.detail.riskClass')}</Table.Th>
                <Table.Th>{t('vendors.list.missingDocuments')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {vendor.systems.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/systems/${s.id}${s.sourcing === 'procured' ? '?tab=supplier' : ''}`} fz="sm">
                      {s.name}
                    </Anchor>
                    {s.archived ? (
                      <Badge ml="xs" color="gray" variant="light">
                        {t('vendors.detail.archived')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{names.get(s.orgUnitId) ?? none}</Table.Td>
                  <Table.Td>{s.riskClass === null ? t('classification.riskClass.unclassified') : t(`classification.riskClass.${s.riskClass}`)}</Table.Td>
                  <Table.Td>
                    {s.sourcing !== 'procured' ? (
                      t('vendors.detail.inHouse')
                    ) : s.missingDocuments === 0 ? (
                      t('vendors.list.noneMissing')
                    ) : (
                      <Text fz="sm" component="span" c={s.flaggedDocuments > 0 ? 'red.9' : undefined} fw={s.flaggedDocuments > 0 ? 500 : undefined}>
                        {s.flaggedDocuments > 0 ? <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: '-2px', marginRight: 4 }} /> : null}
                        {t('vendors.list.missing', { count: s.missingDocuments })}
                        {s.flaggedDocuments > 0 ? ` · ${t('vendors.list.flagged', { count: s.flaggedDocuments })}` : ''}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <AssessmentsSection vendor={vendor} />

      {editing ? <VendorFormDrawer vendor={vendor} onClose={() => setEditing(false)} onReload={() => { setEditing(false); onReload(); }} /> : null}
    </Stack>
  );
}

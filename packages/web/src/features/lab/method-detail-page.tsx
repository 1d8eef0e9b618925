import { useState } from 'react';
import { Anchor, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconCertificate, IconPencil, IconUserCheck, IconUserMinus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { LabAuthorisation, LabMethodDetail } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { AuthoriseDialog, RevokeDialog } from './authorisation-dialogs';
import { AuthorisationStateBadge, MethodStatusBadge, PassedBadge } from './lab-badges';
import { useLabMethod } from './lab-queries';
import { Facts, LabSection } from './lab-section';
import { formatDecoding, MethodFormDrawer } from './method-form-drawer';
import { ValidationDialog } from './validation-dialog';

/** An evaluation method: configuration, validations, and the staff authorised to record runs with it. */
export function MethodDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useLabMethod(id);
  usePageTitle(query.data?.name ?? t('lab.methods.title'));
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  return <Detail method={query.data} onReload={() => void query.refetch()} />;
}

function Detail({ method, onReload }: { method: LabMethodDetail; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const manage = can('lab.manage');
  const [dialog, setDialog] = useState<'edit' | 'validate' | 'authorise' | null>(null);
  const [revoking, setRevoking] = useState<LabAuthorisation | null>(null);
  const none = t('common.none');

  return (
    <Stack gap="md" maw={1280}>
      <div>
        <Anchor component={Link} to="/lab?tab=methods" fz="sm">
          {t('lab.backToMethods')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt="xs">
          <div>
            <Title order={1}>{method.name}</Title>
            <Group gap="xs" mt={4}>
              <MethodStatusBadge status={method.status} />
              <Text fz="sm" c="dimmed">
                {t(`lab.harness.${method.harness}`)} · {method.harnessVersion} · {method.orgUnitName}
              </Text>
            </Group>
          </div>
          {manage ? (
            <Group>
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setDialog('edit')} data-testid="lab-method-edit">
                {t('lab.methods.edit')}
              </Button>
              <Button leftSection={<IconCertificate size={16} aria-hidden />} onClick={() => setDialog('validate')} data-testid="lab-method-validate">
                {t('lab.validations.record')}
              </Button>
            </Group>
          ) : null}
        </Group>
        {method.status === 'revalidation-needed' ? (
          <Text fz="sm" mt="xs" c="dark.9" data-testid="lab-method-revalidation-hint">
            {t('lab.methods.revalidationHint', { validated: method.lastValidation?.harnessVersion ?? '', current: method.harnessVersion })}
          </Text>
        ) : null}
      </div>

      <LabSection title={t('lab.methods.configuration')} id="lab-method-config">
        <Facts
          testId="lab-method-facts"
          rows={[
            [t('lab.methods.fields.harness'), `${t(`lab.harness.${method.harness}`)} ${method.harnessVersion}`],
            [t('lab.methods.fields.task'), method.configuration.task],
            [t('lab.methods.fields.decoding'), Object.keys(method.configuration.decoding).length === 0 ? none : <Code block>{formatDecoding(method.configuration.decoding)}</Code>],
            [t('lab.methods.fields.prompts'), method.configuration.prompts.length === 0 ? none : method.configuration.prompts.map((p) => p.name).join(', ')],
            [t('lab.methods.fields.description'), <Text key="d" fz="sm" style={{ whiteSpace: 'pre-line' }}>{method.description || none}</Text>],
            [t('lab.common.createdBy'), `${method.createdByLabel}, ${formatDateTime(method.createdAt, lang)}`],
          ]}
        />
        <Title order={3} fz="md" mt="md" mb="xs">
          {t('lab.methods.fields.metrics')}
        </Title>
        <Table withTableBorder data-testid="lab-method-metrics">
          <caption className="visually-hidden">{t('lab.methods.fields.metrics')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lab.methods.fields.metricName')}</Table.Th>
              <Table.Th>{t('lab.methods.fields.metricUnit')}</Table.Th>
              <Table.Th>{t('lab.methods.fields.direction')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {method.configuration.metrics.map((m) => (
              <Table.Tr key={m.name}>
                <Table.Td ff="monospace">{m.name}</Table.Td>
                <Table.Td>{m.unit || none}</Table.Td>
                <Table.Td>{t(m.higherIsBetter ? 'lab.methods.higher' : 'lab.methods.lower')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </LabSection>

      <LabSection title={t('lab.validations.title')} id="lab-method-validations">
        <Table striped data-testid="lab-validation-table">
          <caption className="visually-hidden">{t('lab.validations.title')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lab.validations.validatedOn')}</Table.Th>
              <Table.Th>{t('lab.validations.result')}</Table.Th>
              <Table.Th>{t('lab.validations.harnessVersion')}</Table.Th>
              <Table.Th>{t('lab.validations.by')}</Table.Th>
              <Table.Th>{t('lab.validations.report')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {method.validations.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed" fz="sm">
                    {t('lab.validations.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              method.validations.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{formatDate(v.validatedOn, lang)}</Table.Td>
                  <Table.Td>
                    <PassedBadge passed={v.result === 'passed'} />
                  </Table.Td>
                  <Table.Td ff="monospace">{v.harnessVersion}</Table.Td>
                  <Table.Td>{v.validatedByLabel}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-line' }}>{v.report || none}</Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </LabSection>

      <LabSection
        title={t('lab.authorisations.title')}
        id="lab-method-staff"
        action={
          manage ? (
            <Button variant="default" leftSection={<IconUserCheck size={16} aria-hidden />} onClick={() => setDialog('authorise')} data-testid="lab-method-authorise">
              {t('lab.authorisations.add')}
            </Button>
          ) : null
        }
      >
        <Text fz="sm" c="dimmed" mb="sm">
          {t('lab.authorisations.intro')}
        </Text>
        <Table striped data-testid="lab-authorisation-table">
          <caption className="visually-hidden">{t('lab.authorisations.title')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lab.authorisations.person')}</Table.Th>
              <Table.Th>{t('lab.common.status')}</Table.Th>
              <Table.Th>{t('lab.authorisations.period')}</Table.Th>
              <Table.Th>{t('lab.authorisations.by')}</Table.Th>
              <Table.Th>{t('lab.authorisations.note')}</Table.Th>
              {manage ? <Table.Th>{t('lab.common.actions')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {method.authorisations.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={manage ? 6 : 5}>
                  <Text c="dimmed" fz="sm">
                    {t('lab.authorisations.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              method.authorisations.map((a) => (
                <Table.Tr key={a.id} data-testid={`lab-authorisation-${a.userId}`}>
                  <Table.Td>
                    {a.userName}
                    <Text fz="xs" c="dimmed">
                      {a.userEmail}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <AuthorisationStateBadge state={a.state} />
                  </Table.Td>
                  <Table.Td>
                    {a.until === null ? t('lab.authorisations.openEnded', { since: formatDate(a.since, lang) }) : `${formatDate(a.since, lang)} – ${formatDate(a.until, lang)}`}
                    {a.revokedAt !== null ? (
                      <Text fz="xs" c="dimmed">
                        {t('lab.authorisations.revokedBy', { by: a.revokedByLabel ?? '', at: formatDateTime(a.revokedAt, lang) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{a.authorisedByLabel}</Table.Td>
                  <Table.Td>{a.note || none}</Table.Td>
                  {manage ? (
                    <Table.Td>
                      {a.revokedAt === null ? (
                        <Button size="xs" variant="subtle" color="red" c="red.9" leftSection={<IconUserMinus size={14} aria-hidden />} onClick={() => setRevoking(a)} aria-label={t('lab.authorisations.revokeFor', { name: a.userName })} data-testid={`lab-revoke-${a.userId}`}>
                          {t('lab.authorisations.revoke')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </LabSection>

      {dialog === 'edit' ? <MethodFormDrawer method={method} onClose={() => setDialog(null)} onReload={onReload} /> : null}
      {dialog === 'validate' ? <ValidationDialog method={method} onClose={() => setDialog(null)} /> : null}
      {dialog === 'authorise' ? <AuthoriseDialog method={method} onClose={() => setDialog(null)} /> : null}
      {revoking !== null ? <RevokeDialog methodId={method.id} authorisation={revoking} onClose={() => setRevoking(null)} /> : null}
    </Stack>
  );
}

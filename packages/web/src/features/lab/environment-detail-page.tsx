import { useState } from 'react';
import { Anchor, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconRulerMeasure } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { LabEnvironmentDetail } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { EnvironmentFormDrawer } from './environment-form-drawer';
import { EnvironmentStatusBadge, PassedBadge } from './lab-badges';
import { useLabEnvironment } from './lab-queries';
import { Facts, LabSection } from './lab-section';
import { VerificationDialog } from './verification-dialog';

/** An environment (equipment): hardware, runtime, container digest, and its verifications by reference runs. */
export function EnvironmentDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useLabEnvironment(id);
  usePageTitle(query.data?.name ?? t('lab.environments.title'));
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  return <Detail environment={query.data} onReload={() => void query.refetch()} />;
}

function Detail({ environment: env, onReload }: { environment: LabEnvironmentDetail; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const manage = can('lab.manage');
  const [dialog, setDialog] = useState<'edit' | 'verify' | null>(null);
  const none = t('common.none');
  const or = (s: string) => (s.trim() === '' ? none : s);
  const fmt = (n: number) => n.toLocaleString(lang, { maximumSignificantDigits: 10 });

  return (
    <Stack gap="md" maw={1280}>
      <div>
        <Anchor component={Link} to="/lab?tab=environments" fz="sm">
          {t('lab.backToEnvironments')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt="xs">
          <div>
            <Title order={1}>{env.name}</Title>
            <Group gap="xs" mt={4}>
              <EnvironmentStatusBadge status={env.status} need={env.need} expiresSoon={env.expiresSoon} validUntil={env.validUntil} />
              <Text fz="sm" c="dimmed">
                {env.orgUnitName}
                {env.validUntil !== null ? ` · ${t('lab.environments.validUntilText', { date: formatDate(env.validUntil, lang) })}` : ''}
              </Text>
            </Group>
          </div>
          {manage ? (
            <Group>
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setDialog('edit')} data-testid="lab-environment-edit">
                {t('lab.environments.edit')}
              </Button>
              <Button leftSection={<IconRulerMeasure size={16} aria-hidden />} onClick={() => setDialog('verify')} data-testid="lab-environment-verify">
                {t('lab.verifications.record')}
              </Button>
            </Group>
          ) : null}
        </Group>
      </div>

      <LabSection title={t('lab.environments.equipment')} id="lab-environment-equipment">
        <Facts
          testId="lab-environment-facts"
          rows={[
            [t('lab.environments.fields.gpuModel'), env.hardware.gpuModel === '' ? none : `${env.hardware.gpuCount} × ${env.hardware.gpuModel}`],
            [t('lab.environments.fields.cpu'), or(env.hardware.cpu)],
            [t('lab.environments.fields.memoryGb'), env.hardware.memoryGb > 0 ? t('lab.environments.memory', { gb: env.hardware.memoryGb }) : none],
            [t('lab.environments.fields.driverVersion'), or(env.driverVersion)],
            [t('lab.environments.fields.python'), or(env.runtime.python)],
            [t('lab.environments.fields.cuda'), or(env.runtime.cuda)],
            [t('lab.environments.fields.runtimeOther'), or(env.runtime.other)],
            [t('lab.environments.fields.containerDigest'), env.containerDigest === null ? none : <Code key="d" style={{ wordBreak: 'break-all' }}>{env.containerDigest}</Code>],
            [t('lab.environments.fields.location'), or(env.location)],
            [t('lab.environments.fields.validityMonths'), t('lab.environments.months', { count: env.verificationValidityMonths })],
            [t('lab.environments.fields.notes'), <Text key="n" fz="sm" style={{ whiteSpace: 'pre-line' }}>{or(env.notes)}</Text>],
            [t('lab.common.createdBy'), `${env.createdByLabel}, ${formatDateTime(env.createdAt, lang)}`],
          ]}
        />
      </LabSection>

      <LabSection title={t('lab.verifications.title')} id="lab-environment-verifications">
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="lab-verification-table">
            <caption className="visually-hidden">{t('lab.verifications.title')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lab.verifications.verifiedOn')}</Table.Th>
                <Table.Th>{t('lab.verifications.referenceRun')}</Table.Th>
                <Table.Th>{t('lab.verifications.values')}</Table.Th>
                <Table.Th>{t('lab.verifications.result')}</Table.Th>
                <Table.Th>{t('lab.verifications.validUntil')}</Table.Th>
                <Table.Th>{t('lab.verifications.configuration')}</Table.Th>
                <Table.Th>{t('lab.verifications.by')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {env.verifications.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed" fz="sm">
                      {t('lab.verifications.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                env.verifications.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Td>{formatDate(v.verifiedOn, lang)}</Table.Td>
                    <Table.Td>
                      {v.referenceRun}
                      {v.metric !== '' ? (
                        <Text fz="xs" c="dimmed">
                          {v.metric}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{t('lab.verifications.valuesText', { measured: fmt(v.measuredValue), expected: fmt(v.expectedValue), tolerance: fmt(v.tolerance) })}</Table.Td>
                    <Table.Td>
                      <PassedBadge passed={v.passed} />
                    </Table.Td>
                    <Table.Td>{formatDate(v.validUntil, lang)}</Table.Td>
                    <Table.Td>
                      <Text fz="xs">{t('lab.verifications.driver', { driver: or(v.driverVersion) })}</Text>
                      <Text fz="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {v.containerDigest === null ? none : `${v.containerDigest.slice(0, 19)}…`}
                      </Text>
                    </Table.Td>
                    <Table.Td>{v.verifiedByLabel}</Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </LabSection>

      {dialog === 'edit' ? <EnvironmentFormDrawer environment={env} onClose={() => setDialog(null)} onReload={onReload} /> : null}
      {dialog === 'verify' ? <VerificationDialog environment={env} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}

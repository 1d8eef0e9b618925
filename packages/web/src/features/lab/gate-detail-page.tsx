import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Button, Code, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconBan, IconInfoCircle, IconSignature, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { gateFindingText, type LabGateCheck, type LabGateDetail, type LabGateFinding, type LabGateRef } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { RegisterTable } from '../../shared/register-table';
import { DigestCopy } from '../models/digest-copy';
import { Facts, LabSection } from './lab-section';
import { PassedBadge } from './lab-badges';
import { Criterion, formatNumber } from './plan-badges';
import { CheckBadge, GateStatusBadge } from './gate-badges';
import { GateSignDialog } from './gate-sign-dialog';
import { GateSubject } from './gate-subject';
import { GateWithdrawDialog } from './gate-withdraw-dialog';
import { useLabGate } from './gate-queries';
import { DownloadButton } from '../exchange/download-button';
import { ReportDownload } from './report-download';

/** A release gate: its checks (each with why), the cases and items it rests on, and the release signatures. */
export function GateDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useLabGate(id);
  usePageTitle(query.data ? t('labGates.numbered', { number: query.data.number, title: query.data.title }) : t('labGates.title'));
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  return <Detail key={query.data.id} gate={query.data} onReload={() => void query.refetch()} />;
}

function GateLink({ gate }: { gate: LabGateRef }) {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={`/lab/gates/${gate.id}`} fz="sm">
      {t('labGates.numbered', { number: gate.number, title: gate.title })}
    </Anchor>
  );
}

function Detail({ gate, onReload }: { gate: LabGateDetail; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const [dialog, setDialog] = useState<'sign' | 'withdraw' | null>(null);
  const none = t('common.none');

  return (
    <Stack gap="md" maw={1440}>
      <div>
        <Anchor component={Link} to="/lab?tab=gates" fz="sm">
          {t('labGates.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt="xs">
          <div>
            <Title order={1}>{t('labGates.numbered', { number: gate.number, title: gate.title })}</Title>
            <Group gap="xs" mt={4}>
              <GateStatusBadge status={gate.status} />
              <Text fz="sm" c="dimmed">
                {t(gate.subject.type === 'system' ? 'labGates.subject.system' : 'labGates.subject.modelVersion')}:{' '}
                {gate.subject.systemName ?? `${gate.subject.modelName ?? ''} ${gate.subject.modelVersionLabel ?? ''}`} · {gate.orgUnitName}
              </Text>
            </Group>
          </div>
          <Group>
            {can('lab.manage') && (gate.status === 'open' || gate.status === 'released') ? (
              <Button variant="default" color="red.9" c="red.9" leftSection={<IconBan size={16} aria-hidden />} onClick={() => setDialog('withdraw')} data-testid="lab-gate-withdraw">
                {t(gate.status === 'open' ? 'labGates.withdraw.submit' : 'labGates.withdraw.submitRelease')}
              </Button>
            ) : null}
            {can('lab.release') && gate.status === 'open' ? (
              <Button leftSection={<IconSignature size={16} aria-hidden />} onClick={() => setDialog('sign')} data-testid="lab-gate-sign">
                {t('labGates.sign.open')}
              </Button>
            ) : null}
          </Group>
        </Group>
      </div>

      <StateBanner gate={gate} />

      <LabSection
        title={t('labGates.detail.facts')}
        id="lab-gate-facts"
        action={
          <Group gap="md" align="flex-end">
            <ReportDownload kind="gate" id={gate.id} />
            <DownloadButton path={`/lab/gates/${gate.id}/oscal/assessment-results`} fallbackName={`release-gate-${gate.number}-assessment-results.json`} label={t('exchange.assessmentResults.exportGate')} testId="gate-oscal-export" />
          </Group>
        }
      >
        <Facts
          testId="lab-gate-facts"
          rows={[
            [t('labGates.fields.subject'), <GateSubject key="s" subject={gate.subject} />],
            [t('labGates.fields.plan'), <Anchor key="p" component={Link} to={`/lab/plans/${gate.planId}`} fz="sm">{gate.planName}</Anchor>],
            [t('lab.common.unit'), gate.orgUnitName],
            [t('labGates.fields.regressionTolerance'), formatNumber(gate.regressionTolerance, lang)],
            [t('labGates.fields.baseline'), gate.baseline === null ? t('labGates.detail.firstRelease') : <GateLink key="b" gate={gate.baseline} />],
            [t('lab.common.createdBy'), `${gate.createdByLabel}, ${formatDateTime(gate.createdAt, lang)}`],
            [t('labGates.fields.stateHash'), <Code key="h" fz="xs" style={{ wordBreak: 'break-all' }} data-testid="lab-gate-state-hash">{gate.stateHash}</Code>],
          ]}
        />
      </LabSection>

      <LabSection title={t('labGates.checks.title')} id="lab-gate-checks">
        <Text fz="sm" c="dimmed" mb="sm">
          {t(gate.checksFrozen ? 'labGates.checks.frozen' : 'labGates.checks.live')}
        </Text>
        <ChecksTable checks={gate.checks} />
      </LabSection>

      <LabSection title={t('labGates.cases.title')} id="lab-gate-cases">
        <CasesTable check={gate.checks.find((c) => c.key === 'mandatory-cases')} />
      </LabSection>

      <LabSection title={t('labGates.items.title')} id="lab-gate-items">
        <Text fz="sm" c="dimmed" mb="sm">
          {t(gate.checksFrozen ? 'labGates.items.released' : 'labGates.items.current')}
        </Text>
        <RegisterTable
          testId="lab-gate-items"
          caption={t('labGates.items.title')}
          columns={4}
          minWidth={900}
          highlightOnHover={false}
          empty={t('labGates.items.empty')}
          head={
            <>
              <Table.Th>{t('labGates.items.item')}</Table.Th>
              <Table.Th>{t('labGates.items.role')}</Table.Th>
              <Table.Th>{t('labGates.items.underTest')}</Table.Th>
              <Table.Th>{t('labGates.items.digest')}</Table.Th>
            </>
          }
          rows={gate.items.map((i) => (
            <Table.Tr key={i.versionId}>
              <Table.Td>
                <Anchor component={Link} to={`/${i.type === 'model' ? 'models' : 'datasets'}/${i.itemId}`} fz="sm">
                  {i.itemName} {i.versionLabel}
                </Anchor>
                <Text fz="xs" c="dimmed">
                  {t(`labGates.items.type.${i.type}`)}
                </Text>
              </Table.Td>
              <Table.Td>{i.role === null ? none : i.role.split(', ').map((r) => t(`models.roles.${r}`, { defaultValue: r })).join(', ')}</Table.Td>
              <Table.Td>{t(i.underTest ? 'common.yes' : 'common.no')}</Table.Td>
              <Table.Td>
                <DigestCopy digest={i.manifestDigest} />
              </Table.Td>
            </Table.Tr>
          ))}
        />
      </LabSection>

      <LabSection title={t('labGates.signatures.title')} id="lab-gate-signatures">
        <Signatures gate={gate} />
      </LabSection>

      {dialog === 'sign' ? <GateSignDialog gate={gate} onClose={() => setDialog(null)} onReload={onReload} /> : null}
      {dialog === 'withdraw' ? <GateWithdrawDialog gate={gate} onClose={() => setDialog(null)} onReload={onReload} /> : null}
    </Stack>
  );
}

/** What the state means: ready to sign or not, released, superseded, invalidated (and why), withdrawn (and why). */
function StateBanner({ gate }: { gate: LabGateDetail }) {
  const { t, i18n } = useTranslation();
  const at = (iso: string | null) => formatDateTime(iso, i18n.language);
  const roles = gate.missingRoles.map((r) => t(`roles.${r}`)).join(t('labGates.signatures.or'));
  const banner = (color: string, icon: ReactNode, title: string, text: ReactNode) => (
    <Alert variant="light" color={color} icon={icon} title={title} data-testid="lab-gate-banner" data-state={gate.status}>
      <Text fz="sm" c="dark.9">
        {text}
      </Text>
    </Alert>
  );
  switch (gate.status) {
    case 'open':
      return gate.passed
        ? banner('blue', <IconInfoCircle size={18} aria-hidden />, t('labGates.banner.readyTitle'), t('labGates.banner.ready', { roles }))
        : banner('yellow', <IconAlertTriangle size={18} aria-hidden />, t('labGates.banner.notReadyTitle'), t('labGates.banner.notReady', { checks: gate.checks.filter((c) => !c.passed).map((c) => t(`labGates.checks.names.${c.key}`)).join(', ') }));
    case 'released':
      return banner('teal', <IconShieldCheck size={18} aria-hidden />, t('labGates.banner.releasedTitle'), t('labGates.banner.released', { at: at(gate.releasedAt) }));
    case 'superseded':
      return banner('gray', <IconInfoCircle size={18} aria-hidden />, t('labGates.banner.supersededTitle'), (
        <>
          {t('labGates.banner.superseded', { at: at(gate.releasedAt) })} {gate.supersededBy ? <GateLink gate={gate.supersededBy} /> : null}
        </>
      ));
    case 'invalidated':
      return banner('red', <IconAlertTriangle size={18} aria-hidden />, t('labGates.banner.invalidatedTitle'), t('labGates.banner.invalidated', { at: at(gate.invalidatedAt), reason: gate.invalidationReason ?? '' }));
    case 'withdrawn':
      return banner('gray', <IconBan size={18} aria-hidden />, t('labGates.banner.withdrawnTitle'), t('labGates.banner.withdrawn', { at: at(gate.withdrawnAt), reason: gate.withdrawalReason ?? '' }));
  }
}

/** One finding in words, with a link to the run it names. */
function Finding({ finding }: { finding: LabGateFinding }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {gateFindingText(finding, i18n.language.startsWith('en') ? 'en' : 'de')}
      {finding.runId !== undefined ? (
        <>
          {' '}
          <Anchor component={Link} to={`/lab/runs/${finding.runId}`} fz="sm" underline="always">
            {t('labGates.checks.openRun', { number: finding.runNumber })}
          </Anchor>
        </>
      ) : null}
    </>
  );
}

/** Every check as a row: met or not, and why (blocking findings first, marked as such). */
function ChecksTable({ checks }: { checks: LabGateCheck[] }) {
  const { t } = useTranslation();
  return (
    <RegisterTable
      testId="lab-gate-checks"
      caption={t('labGates.checks.title')}
      columns={3}
      minWidth={900}
      highlightOnHover={false}
      empty=""
      head={
        <>
          <Table.Th w={260}>{t('labGates.checks.check')}</Table.Th>
          <Table.Th w={150}>{t('labGates.checks.result')}</Table.Th>
          <Table.Th>{t('labGates.checks.why')}</Table.Th>
        </>
      }
      rows={checks.map((c) => {
        const findings = [...c.findings.filter((f) => f.blocking), ...c.findings.filter((f) => !f.blocking)];
        return (
          <Table.Tr key={c.key} data-testid={`lab-gate-check-${c.key}`} data-passed={c.passed}>
            <Table.Td fw={600}>{t(`labGates.checks.names.${c.key}`)}</Table.Td>
            <Table.Td>
              <CheckBadge passed={c.passed} />
            </Table.Td>
            <Table.Td>
              <List size="sm" spacing={4}>
                {findings.map((f, i) => (
                  <List.Item key={i} c={f.blocking ? 'red.9' : undefined} fw={f.blocking ? 600 : undefined}>
                    {f.blocking ? <span className="visually-hidden">{t('labGates.checks.blocking')}: </span> : null}
                    <Finding finding={f} />
                  </List.Item>
                ))}
              </List>
            </Table.Td>
          </Table.Tr>
        );
      })}
    />
  );
}

/** Per case of the plan, the value that counts and the run it comes from. */
function CasesTable({ check }: { check: LabGateCheck | undefined }) {
  const { t, i18n } = useTranslation();
  const cases = check?.cases ?? [];
  return (
    <RegisterTable
      testId="lab-gate-cases"
      caption={t('labGates.cases.title')}
      columns={7}
      minWidth={900}
      highlightOnHover={false}
      empty={t('labGates.cases.empty')}
      head={
        <>
          <Table.Th>{t('labGates.cases.key')}</Table.Th>
          <Table.Th>{t('labGates.cases.name')}</Table.Th>
          <Table.Th>{t('labGates.cases.criterion')}</Table.Th>
          <Table.Th>{t('labGates.cases.mandatory')}</Table.Th>
          <Table.Th>{t('labGates.cases.value')}</Table.Th>
          <Table.Th>{t('labGates.cases.verdict')}</Table.Th>
          <Table.Th>{t('labGates.cases.run')}</Table.Th>
        </>
      }
      rows={cases.map((c) => (
        <Table.Tr key={c.caseId} data-testid={`lab-gate-case-${c.key}`}>
          <Table.Td ff="monospace">{c.key}</Table.Td>
          <Table.Td>{c.name}</Table.Td>
          <Table.Td>
            <Criterion metric={c.metric} comparator={c.comparator} threshold={c.threshold} unit={c.unit} />
          </Table.Td>
          <Table.Td>{t(c.mandatory ? 'labGates.cases.yes' : 'labGates.cases.no')}</Table.Td>
          <Table.Td>{c.value === null ? t('common.none') : `${formatNumber(c.value, i18n.language)}${c.unit === '' ? '' : ` ${c.unit}`}`}</Table.Td>
          <Table.Td>{c.verdict === null ? t('labGates.cases.noResult') : <PassedBadge passed={c.verdict === 'pass'} />}</Table.Td>
          <Table.Td>
            {c.runId === null ? (
              t('common.none')
            ) : (
              <Anchor component={Link} to={`/lab/runs/${c.runId}`} fz="sm">
                {t('labGates.checks.openRun', { number: c.runNumber })}
              </Anchor>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    />
  );
}

/** The release signatures with signer, role and time; those of an earlier state are shown as no longer counting. */
function Signatures({ gate }: { gate: LabGateDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        {t('labGates.signatures.intro')}
      </Text>
      <RegisterTable
        testId="lab-gate-signatures"
        caption={t('labGates.signatures.title')}
        columns={5}
        minWidth={800}
        highlightOnHover={false}
        empty={t('labGates.signatures.empty')}
        head={
          <>
            <Table.Th>{t('labGates.signatures.signer')}</Table.Th>
            <Table.Th>{t('labGates.signatures.role')}</Table.Th>
            <Table.Th>{t('labGates.signatures.signedAt')}</Table.Th>
            <Table.Th>{t('labGates.signatures.comment')}</Table.Th>
            <Table.Th>{t('labGates.signatures.counts')}</Table.Th>
          </>
        }
        rows={gate.signoffs.map((s) => (
          <Table.Tr key={s.signatureId} data-testid={`lab-gate-signature-${s.role}`} data-current={s.current}>
            <Table.Td>{s.signer.label}</Table.Td>
            <Table.Td>{t(`roles.${s.role}`)}</Table.Td>
            <Table.Td>{formatDateTime(s.signedAt, i18n.language)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'pre-line' }}>{s.comment ?? t('common.none')}</Table.Td>
            <Table.Td>{t(s.current ? 'labGates.signatures.current' : 'labGates.signatures.stale')}</Table.Td>
          </Table.Tr>
        ))}
      />
      {gate.status === 'open' && gate.missingRoles.length > 0 ? (
        <Text fz="sm" data-testid="lab-gate-missing-roles">
          {t('labGates.signatures.missing', { roles: gate.missingRoles.map((r) => t(`roles.${r}`)).join(t('labGates.signatures.or')) })}
        </Text>
      ) : null}
    </Stack>
  );
}

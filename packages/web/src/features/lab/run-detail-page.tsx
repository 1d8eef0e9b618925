import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Code, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFilePencil, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { LabRunDetail } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { RegisterTable } from '../../shared/register-table';
import { DigestCopy } from '../models/digest-copy';
import { MethodStatusBadge } from './lab-badges';
import { Facts, LabSection } from './lab-section';
import { Criterion, formatNumber } from './plan-badges';
import { ReportDownload } from './report-download';
import { RunAmendmentDialog } from './run-amendment-dialog';
import { RunFlag, RunVerdictBadge } from './run-badges';
import { runAttachmentUrl, useLabRun } from './run-queries';

/** A test run: its frame (plan, items, method, environment, operator), the result per test case, raw data and amendments. */
export function RunDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useLabRun(id);
  usePageTitle(query.data ? t('labRuns.number', { number: query.data.number }) : t('labRuns.title'));
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  return <Detail key={query.data.id} run={query.data} />;
}

function Detail({ run }: { run: LabRunDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const navigate = useNavigate();
  const [amending, setAmending] = useState(false);
  const none = t('common.none');
  const num = (n: number) => formatNumber(n, lang);
  const amended = run.chain.find((l) => l.id === run.amendsRunId);

  return (
    <Stack gap="md" maw={1440}>
      <div>
        <Anchor component={Link} to="/lab?tab=runs" fz="sm">
          {t('labRuns.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt="xs">
          <div>
            <Title order={1}>{t('labRuns.number', { number: run.number })}</Title>
            <Group gap="xs" mt={4}>
              <RunVerdictBadge verdict={run.verdict} testId="lab-run-verdict" />
              <Text fz="sm" c="dimmed">
                {run.planName} · {run.systemName ?? t('labRuns.list.model')} · {formatDateTime(run.startedAt, lang)}
              </Text>
            </Group>
          </div>
          <Group align="flex-end">
            <ReportDownload kind="run" id={run.id} />
            {can('lab.run') && run.supersededByRunId === null ? (
              <Button leftSection={<IconFilePencil size={16} aria-hidden />} onClick={() => setAmending(true)} data-testid="lab-run-amend">
                {t('labRuns.amend.open')}
              </Button>
            ) : null}
          </Group>
        </Group>
      </div>

      {run.supersededByRunId !== null ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} data-testid="lab-run-superseded">
          <Text fz="sm">{t('labRuns.detail.superseded', { number: run.supersededByNumber ?? '' })}</Text>
          <Anchor component={Link} to={`/lab/runs/${run.supersededByRunId}`} fz="sm">
            {t('labRuns.detail.openRun', { number: run.supersededByNumber ?? '' })}
          </Anchor>
        </Alert>
      ) : null}
      {run.amendsRunId !== null ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} data-testid="lab-run-amends">
          <Text fz="sm">{t('labRuns.detail.amends', { number: amended?.number ?? '', reason: run.amendmentReason ?? '' })}</Text>
          <Anchor component={Link} to={`/lab/runs/${run.amendsRunId}`} fz="sm">
            {t('labRuns.detail.openRun', { number: amended?.number ?? '' })}
          </Anchor>
        </Alert>
      ) : null}
      {run.environmentStatus !== 'verified' ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="lab-run-environment-flag">
          {t('labRuns.status.environmentFlag')}
        </Alert>
      ) : null}
      {run.methodStatus !== 'validated' ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="lab-run-method-flag">
          {t('labRuns.status.methodFlag')}
        </Alert>
      ) : null}

      <LabSection title={t('labRuns.detail.facts')} id="lab-run-facts">
        <Facts
          testId="lab-run-facts"
          rows={[
            [t('labRuns.fields.plan'), <Anchor key="p" component={Link} to={`/lab/plans/${run.planId}`} fz="sm">{run.planName}</Anchor>],
            [t('labRuns.fields.subject'), run.systemId !== null ? <Anchor key="s" component={Link} to={`/systems/${run.systemId}`} fz="sm">{run.systemName}</Anchor> : t('labRuns.list.model')],
            [t('labRuns.fields.method'), (
              <Group key="m" gap="xs">
                <Anchor component={Link} to={`/lab/methods/${run.methodId}`} fz="sm">{run.methodName}</Anchor>
                <Text span fz="sm" ff="monospace">{run.methodHarnessVersion}</Text>
                <MethodStatusBadge status={run.methodStatus} />
                <Text span fz="xs" c="dimmed">{t('labRuns.status.atRecording', { status: t(`lab.methods.status.${run.methodStatus}`) })}</Text>
              </Group>
            )],
            [t('labRuns.fields.environment'), (
              <Group key="e" gap="xs">
                <Anchor component={Link} to={`/lab/environments/${run.environmentId}`} fz="sm">{run.environmentName}</Anchor>
                {run.environmentStatus === 'verified' ? (
                  <Badge miw="max-content" variant="light" color="teal" c="dark.9" tt="none">{t('lab.environments.status.verified')}</Badge>
                ) : (
                  <RunFlag label={t(`lab.environments.status.${run.environmentStatus}`)} testId="lab-run-environment-status" />
                )}
                <Text span fz="xs" c="dimmed">{t('labRuns.status.atRecording', { status: t(`lab.environments.status.${run.environmentStatus}`) })}</Text>
              </Group>
            )],
            [t('labRuns.fields.operator'), `${run.operatorLabel} – ${t(run.operatorAuthorised ? 'labRuns.status.authorised' : 'labRuns.status.notAuthorised')}`],
            [t('labRuns.fields.seed'), run.seed === null ? none : <Code key="seed">{run.seed}</Code>],
            [t('labRuns.fields.started'), formatDateTime(run.startedAt, lang)],
            [t('labRuns.fields.ended'), formatDateTime(run.endedAt, lang)],
            [t('labRuns.fields.recorded'), t('labRuns.detail.recordedBy', { by: run.recordedByLabel, at: formatDateTime(run.recordedAt, lang) })],
            [t('labRuns.fields.source'), t(`labRuns.format.${run.sourceFormat}`)],
            [t('labRuns.fields.deviations'), <Text key="d" fz="sm" style={{ whiteSpace: 'pre-line' }}>{run.deviations || none}</Text>],
            [t('labRuns.fields.notes'), <Text key="n" fz="sm" style={{ whiteSpace: 'pre-line' }}>{run.notes || none}</Text>],
          ]}
        />
      </LabSection>

      <LabSection title={t('labRuns.detail.results')} id="lab-run-results">
        <RegisterTable
          testId="lab-run-results"
          caption={t('labRuns.results.caption')}
          columns={7}
          minWidth={1100}
          highlightOnHover={false}
          empty={t('labRuns.results.empty')}
          head={
            <>
              <Table.Th>{t('labRuns.results.case')}</Table.Th>
              <Table.Th>{t('labRuns.results.measured')}</Table.Th>
              <Table.Th>{t('labRuns.results.uncertainty')}</Table.Th>
              <Table.Th>{t('labRuns.results.criterion')}</Table.Th>
              <Table.Th>{t('labRuns.results.rule')}</Table.Th>
              <Table.Th>{t('labRuns.results.decidedBy')}</Table.Th>
              <Table.Th>{t('labRuns.results.verdict')}</Table.Th>
            </>
          }
          rows={run.results.map((r) => (
            <Table.Tr key={r.testCaseId} data-testid={`lab-run-result-${r.key}`}>
              <Table.Td>
                <Text fz="sm" fw={600}>{r.key} {r.name}</Text>
                <Text fz="xs" c="dimmed">{t(r.mandatory ? 'labRuns.results.mandatory' : 'labRuns.results.optional')}</Text>
                {r.note ? <Text fz="xs">{r.note}</Text> : null}
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{num(r.value)}{r.unit ? ` ${r.unit}` : ''}</Text>
                <Text fz="xs" c="dimmed" ff="monospace">{r.metric}</Text>
              </Table.Td>
              <Table.Td>
                <Uncertainty result={r} num={num} />
                {r.sampleSize !== null ? <Text fz="xs" c="dimmed">{t('labRuns.results.sampleSize', { n: r.sampleSize })}</Text> : null}
              </Table.Td>
              <Table.Td>
                <Criterion metric={r.caseMetric} comparator={r.comparator} threshold={r.threshold} unit={r.unit} />
              </Table.Td>
              <Table.Td>{t(`labPlans.decisionRules.${r.decisionRule}`)}</Table.Td>
              <Table.Td>{num(r.decidedBy)}{r.unit ? ` ${r.unit}` : ''}</Table.Td>
              <Table.Td>
                <RunVerdictBadge verdict={r.verdict} />
              </Table.Td>
            </Table.Tr>
          ))}
        />
        {run.missingCases.length > 0 ? (
          <Stack gap={4} mt="md" data-testid="lab-run-missing">
            <Title order={3} fz="md">{t('labRuns.detail.missing')}</Title>
            <Text fz="sm" c="dimmed">{t('labRuns.detail.missingIntro')}</Text>
            <List size="sm">
              {run.missingCases.map((c) => (
                <List.Item key={c.testCaseId}>
                  {c.key} {c.name} (<Text span ff="monospace" fz="sm">{c.metric}</Text>) – {t(c.mandatory ? 'labRuns.results.mandatory' : 'labRuns.results.optional')}
                </List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
      </LabSection>

      <LabSection title={t('labRuns.detail.unmatched')} id="lab-run-unmatched">
        {run.unmatchedMetrics.length === 0 ? (
          <Text fz="sm" c="dimmed">{t('labRuns.detail.noUnmatched')}</Text>
        ) : (
          <>
            <Text fz="sm" c="dimmed" mb="xs">{t('labRuns.detail.unmatchedIntro')}</Text>
            <List size="sm" data-testid="lab-run-unmatched">
              {run.unmatchedMetrics.map((m) => (
                <List.Item key={m}><Text span ff="monospace" fz="sm">{m}</Text></List.Item>
              ))}
            </List>
          </>
        )}
      </LabSection>

      <LabSection title={t('labRuns.detail.items')} id="lab-run-items">
        <RegisterTable
          testId="lab-run-items"
          caption={t('labRuns.items.caption')}
          columns={4}
          minWidth={900}
          highlightOnHover={false}
          empty={none}
          head={
            <>
              <Table.Th>{t('labRuns.items.item')}</Table.Th>
              <Table.Th>{t('labRuns.items.claimed')}</Table.Th>
              <Table.Th>{t('labRuns.items.registered')}</Table.Th>
              <Table.Th>{t('labRuns.items.match')}</Table.Th>
            </>
          }
          rows={run.items.map((i) => (
            <Table.Tr key={i.versionId}>
              <Table.Td>
                <Text fz="xs" c="dimmed">{t(`labRuns.items.types.${i.type}`)}</Text>
                {i.itemId !== null ? (
                  <Anchor component={Link} to={`/${i.type === 'model' ? 'models' : 'datasets'}/${i.itemId}`} fz="sm">
                    {i.itemName} {i.label}
                  </Anchor>
                ) : (
                  <Text fz="sm" ff="monospace">{i.versionId}</Text>
                )}
              </Table.Td>
              <Table.Td><DigestCopy digest={i.manifestDigest} /></Table.Td>
              <Table.Td>{i.registeredDigest !== null ? <DigestCopy digest={i.registeredDigest} /> : none}</Table.Td>
              <Table.Td>
                {i.registeredDigest === null ? (
                  <RunFlag label={t('labRuns.items.unknown')} />
                ) : i.matches ? (
                  <Badge miw="max-content" variant="light" color="teal" c="dark.9" tt="none">{t('labRuns.items.matches')}</Badge>
                ) : (
                  <RunFlag label={t('labRuns.items.differs')} testId={`lab-run-item-differs-${i.versionId}`} />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        />
      </LabSection>

      <LabSection title={t('labRuns.detail.attachments')} id="lab-run-attachments">
        {run.attachments.length === 0 ? (
          <Text fz="sm" c="dimmed">{t('labRuns.detail.noAttachments')}</Text>
        ) : (
          <Stack gap="sm">
            <Text fz="sm" c="dimmed">{t('labRuns.detail.attachmentsIntro')}</Text>
            {run.attachments.map((a) => (
              <Group key={a.sha256} gap="sm" align="flex-start" data-testid="lab-run-attachment">
                <Button component="a" href={runAttachmentUrl(run.id, a.sha256)} download size="xs" variant="default" leftSection={<IconDownload size={14} aria-hidden />} aria-label={t('labRuns.detail.download', { name: a.filename })}>
                  {a.filename}
                </Button>
                <div>
                  <Text fz="xs" c="dimmed">{formatBytes(a.size)}{a.tool ? ` · ${t('labRuns.detail.tool', { tool: [a.tool.name, a.tool.version].filter(Boolean).join(' ') })}` : ''}</Text>
                  {a.tool?.details ? <Text fz="xs" c="dimmed">{a.tool.details}</Text> : null}
                  <DigestCopy digest={a.sha256} />
                </div>
              </Group>
            ))}
          </Stack>
        )}
      </LabSection>

      {run.chain.length > 1 ? (
        <LabSection title={t('labRuns.detail.chain')} id="lab-run-chain">
          <Text fz="sm" c="dimmed" mb="xs">{t('labRuns.detail.chainIntro')}</Text>
          <List type="ordered" size="sm" data-testid="lab-run-chain">
            {run.chain.map((l) => (
              <List.Item key={l.id}>
                <Group gap="xs">
                  {l.id === run.id ? (
                    <Text span fz="sm" fw={600} aria-current="page">{t('labRuns.number', { number: l.number })} ({t('labRuns.detail.thisRun')})</Text>
                  ) : (
                    <Anchor component={Link} to={`/lab/runs/${l.id}`} fz="sm">{t('labRuns.number', { number: l.number })}</Anchor>
                  )}
                  <RunVerdictBadge verdict={l.verdict} />
                  <Text span fz="xs" c="dimmed">
                    {formatDateTime(l.recordedAt, lang)} · {l.recordedByLabel} · {l.amendmentReason ?? t('labRuns.detail.original')}
                  </Text>
                </Group>
              </List.Item>
            ))}
          </List>
        </LabSection>
      ) : null}

      <LabSection title={t('labRuns.detail.evidence')} id="lab-run-evidence">
        {run.evidenceId !== null ? (
          <Stack gap={4}>
            <Text fz="sm">{t('labRuns.detail.evidenceText')}</Text>
            <Anchor component={Link} to={`/evidence/${run.evidenceId}`} fz="sm" data-testid="lab-run-evidence-link">
              {t('labRuns.detail.evidenceOpen')}
            </Anchor>
          </Stack>
        ) : (
          <Text fz="sm" c="dimmed">{t('labRuns.detail.noEvidence')}</Text>
        )}
      </LabSection>

      {amending ? <RunAmendmentDialog run={run} onClose={() => setAmending(false)} onDone={(a) => { setAmending(false); void navigate(`/lab/runs/${a.id}`); }} /> : null}
    </Stack>
  );
}

/** "KI 0,91 – 0,95" or "SE 0,01", or nothing when the run reported no uncertainty. */
function Uncertainty({ result: r, num }: { result: LabRunDetail['results'][number]; num: (n: number) => string }) {
  const { t } = useTranslation();
  if (r.ciLower !== null && r.ciUpper !== null) return <Text fz="sm">{t('labRuns.results.ci', { lower: num(r.ciLower), upper: num(r.ciUpper) })}</Text>;
  if (r.stdError !== null) return <Text fz="sm">{t('labRuns.results.se', { value: num(r.stdError) })}</Text>;
  return <Text fz="sm">{t('common.none')}</Text>;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${bytes} B`;
}

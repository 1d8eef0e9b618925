import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AiSystem, AssessingBodyKind, ConformityProcedure } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDate } from '../../i18n/format';
import { useAssessment, useStartAssessment, useSystemAssessments } from './conformity-queries';
import { AnnexViSteps } from './annex-vi-steps';
import { AnnexViiTracking } from './annex-vii-tracking';
import { CompletionSection } from './completion-section';
import { statusColor, validityColor } from './display';

/**
 * "Konformitätsbewertung" of a system (Art. 43): the newest assessment with its Annex VI steps or Annex VII tracking,
 * then declaration, CE marking and registration; earlier ones listed below. Only high-risk systems are assessed.
 */
export function ConformityTab({ system }: { system: AiSystem }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const list = useSystemAssessments(system.id);
  const [selected, setSelected] = useState<string | null>(null);
  const currentId = selected ?? list.data?.[0]?.id ?? null;
  const detail = useAssessment(currentId);

  if (list.data === undefined) return list.isPending ? <FullPageLoader /> : <ErrorAlert error={list.error} />;
  const highRisk = system.riskClass === 'high';
  const inProgress = list.data.some((a) => a.status === 'in-progress');
  const editable = can('assessment.edit') && system.archivedAt === null;

  return (
    <Stack gap="lg" data-testid="conformity-tab">
      <Title order={2}>{t('conformity.title')}</Title>
      <Text c="dimmed" fz="sm">{t('conformity.intro')}</Text>
      {!highRisk ? <Alert color="gray">{t('conformity.notHighRisk')}</Alert> : null}
      {highRisk && editable && !inProgress ? <StartForm systemId={system.id} onStarted={setSelected} /> : null}
      {list.data.length > 1 ? (
        <Paper withBorder p="sm">
          <Text fw={600} fz="sm" mb={4}>{t('conformity.history')}</Text>
          <Stack gap={4}>
            {list.data.map((a) => (
              <Group key={a.id} gap="xs">
                <Button variant={a.id === currentId ? 'light' : 'subtle'} size="compact-sm" onClick={() => setSelected(a.id)}>
                  {t(`conformity.procedures.${a.procedure}`)} · {formatDate(a.createdAt, i18n.language)}
                </Button>
                <Badge color={statusColor(a.status)} variant="outline">{t(`conformity.statuses.${a.status}`)}</Badge>
              </Group>
            ))}
          </Stack>
        </Paper>
      ) : null}
      {currentId === null ? (
        highRisk ? <Text c="dimmed">{t('conformity.none')}</Text> : null
      ) : detail.data === undefined ? (
        detail.isPending ? <FullPageLoader /> : <ErrorAlert error={detail.error} />
      ) : (
        <Stack gap="md">
          <Group gap="sm">
            <Title order={3}>{t(`conformity.procedures.${detail.data.procedure}`)}</Title>
            <Badge color={statusColor(detail.data.status)} data-testid="conformity-status">{t(`conformity.statuses.${detail.data.status}`)}</Badge>
            {detail.data.procedure === 'annex-vii' && detail.data.certificate.validity !== 'none' ? (
              <Badge color={validityColor(detail.data.certificate.validity)} variant="outline">{t(`conformity.validity.${detail.data.certificate.validity}`)}</Badge>
            ) : null}
          </Group>
          {detail.data.status === 'reopened' ? <Alert color="orange" title={t('conformity.reopenedTitle')}>{detail.data.reopenReason}</Alert> : null}
          {detail.data.procedure === 'annex-vi' ? <AnnexViSteps assessment={detail.data} editable={editable} /> : <AnnexViiTracking assessment={detail.data} editable={editable} />}
          {detail.data.status === 'completed' ? <CompletionSection assessment={detail.data} editable={editable} /> : null}
        </Stack>
      )}
    </Stack>
  );
}

function StartForm({ systemId, onStarted }: { systemId: string; onStarted: (id: string) => void }) {
  const { t } = useTranslation();
  const start = useStartAssessment();
  const [procedure, setProcedure] = useState<ConformityProcedure>('annex-vi');
  const [bodyKind, setBodyKind] = useState<AssessingBodyKind>('notified-body');
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Text fw={600}>{t('conformity.start.title')}</Text>
        <Group align="flex-end">
          <Select
            label={t('conformity.start.procedure')}
            data={(['annex-vi', 'annex-vii'] as const).map((p) => ({ value: p, label: t(`conformity.procedures.${p}`) }))}
            value={procedure}
            onChange={(v) => v && setProcedure(v as ConformityProcedure)}
            allowDeselect={false}
            data-testid="conformity-procedure"
            w={360}
          />
          {procedure === 'annex-vii' ? (
            <Select
              label={t('conformity.fields.bodyKind')}
              data={(['notified-body', 'market-surveillance-authority'] as const).map((k) => ({ value: k, label: t(`conformity.bodyKinds.${k}`) }))}
              value={bodyKind}
              onChange={(v) => v && setBodyKind(v as AssessingBodyKind)}
              allowDeselect={false}
              w={320}
            />
          ) : null}
          <Button
            loading={start.isPending}
            data-testid="conformity-start"
            onClick={() => start.mutate({ systemId, procedure, ...(procedure === 'annex-vii' ? { bodyKind } : {}) }, { onSuccess: (a) => onStarted(a.id) })}
          >
            {t('conformity.start.submit')}
          </Button>
        </Group>
        <Text fz="xs" c="dimmed">{t('conformity.start.hint')}</Text>
        <ErrorAlert error={start.error} />
      </Stack>
    </Paper>
  );
}

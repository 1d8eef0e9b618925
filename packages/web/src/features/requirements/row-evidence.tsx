import { useState } from 'react';
import { Anchor, Button, Group, List, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconExternalLink, IconLinkOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { EvidenceDetail, SystemRequirement } from '@konform/core';
import { api } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { EvidenceCreateForm } from '../evidence/evidence-create-form';
import { downloadHref, useEvidenceList, useLinkEvidence, useUnlinkEvidence } from '../evidence/evidence-queries';

/** Evidence linked to the row (with downloads), linking existing evidence, and uploading new evidence straight onto the row. */
export function RowEvidence({ systemId, row, editable }: { systemId: string; row: SystemRequirement; editable: boolean }) {
  const { t } = useTranslation();
  const list = useEvidenceList({ systemId, limit: 500 });
  const link = useLinkEvidence();
  const unlink = useUnlinkEvidence();
  const [unlinking, setUnlinking] = useState<string | undefined>();
  const [unlinkError, setUnlinkError] = useState<unknown>(null);
  const [choice, setChoice] = useState('');
  const [adding, setAdding] = useState(false);
  const all = list.data?.items ?? [];
  const linked = all.filter((e) => row.evidence.includes(e.id));
  const linkable = all.filter((e) => !row.evidence.includes(e.id));

  const linkToRow = async (evidenceId: string, title: string) => {
    await link.mutateAsync({ evidenceId, input: { systemId, requirementKey: row.requirementId } });
    notifications.show({ color: 'teal', message: t('matrix.evidenceLinked', { title }) });
  };

  /** The link id is not on the row: it is the evidence's link whose requirement key (and system) match this row. */
  const unlinkFromRow = async (evidenceId: string, title: string) => {
    setUnlinking(evidenceId);
    setUnlinkError(null);
    try {
      const detail = await api.get<EvidenceDetail>(`/evidence/${evidenceId}`);
      const found = detail.links.find((l) => l.requirementKey === row.requirementId && l.systemId === systemId);
      if (found !== undefined) {
        await unlink.mutateAsync({ evidenceId, linkId: found.id });
        notifications.show({ color: 'teal', message: t('matrix.evidenceUnlinked', { title }) });
      }
    } catch (error) {
      setUnlinkError(error);
    } finally {
      setUnlinking(undefined);
    }
  };

  return (
    <section aria-labelledby="row-evidence-title">
      <Title order={3} fz="md" id="row-evidence-title" mb="xs">
        {t('matrix.evidence')}
      </Title>
      <Stack gap="sm">
        {linked.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('matrix.noEvidence')}
          </Text>
        ) : (
          <List size="sm" spacing={6} listStyleType="none" ml={0} pl={0}>
            {linked.map((e) => (
              <List.Item key={e.id}>
                <Group gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={`/evidence/${e.id}`} fz="sm" style={{ flex: 1 }}>
                    {e.title}
                  </Anchor>
                  {e.kind === 'file' && e.latestVersion !== null ? (
                    <Anchor href={downloadHref(e.id, e.latestVersion.number)} fz="xs" download aria-label={t('evidence.downloadNamed', { name: e.latestVersion.filename })}>
                      <Group gap={4} wrap="nowrap">
                        <IconDownload size={14} aria-hidden />
                        {e.latestVersion.filename}
                      </Group>
                    </Anchor>
                  ) : e.url !== null ? (
                    <Anchor href={e.url} target="_blank" rel="noopener noreferrer" fz="xs">
                      <Group gap={4} wrap="nowrap">
                        <IconExternalLink size={14} aria-hidden />
                        {t('evidence.openLink')}
                      </Group>
                    </Anchor>
                  ) : null}
                  {editable ? (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      c="red.9"
                      leftSection={<IconLinkOff size={14} aria-hidden />}
                      loading={unlinking === e.id}
                      onClick={() => void unlinkFromRow(e.id, e.title)}
                      aria-label={t('matrix.unlinkEvidenceNamed', { title: e.title })}
                    >
                      {t('matrix.unlinkEvidence')}
                    </Button>
                  ) : null}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        {editable && linkable.length > 0 ? (
          <Group gap="xs" align="flex-end">
            <NativeSelect
              label={t('matrix.linkExisting')}
              value={choice}
              data={[{ value: '', label: t('matrix.chooseEvidence') }, ...linkable.map((e) => ({ value: e.id, label: e.title }))]}
              onChange={(e) => setChoice(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button
              variant="default"
              disabled={choice === ''}
              loading={link.isPending}
              onClick={() => {
                const chosen = linkable.find((e) => e.id === choice);
                if (chosen !== undefined) void linkToRow(chosen.id, chosen.title).then(() => setChoice('')).catch(() => undefined);
              }}
            >
              {t('matrix.link')}
            </Button>
          </Group>
        ) : null}
        <ErrorAlert error={link.error} />
        <ErrorAlert error={unlinkError} />
        {editable ? (
          adding ? (
            <div className="subform">
              <Text fz="sm" fw={500} mb={4}>
                {t('matrix.newEvidence')}
              </Text>
              <EvidenceCreateForm
                systemId={systemId}
                compact
                onCancel={() => setAdding(false)}
                onCreated={async (created) => {
                  await linkToRow(created.id, created.title);
                  setAdding(false);
                }}
              />
            </div>
          ) : (
            <Button variant="light" onClick={() => setAdding(true)} style={{ alignSelf: 'flex-start' }}>
              {t('matrix.addEvidence')}
            </Button>
          )
        ) : null}
      </Stack>
    </section>
  );
}

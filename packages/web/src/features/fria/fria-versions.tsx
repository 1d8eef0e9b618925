import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FriaState } from '@konform/core';
import { formatDateTime } from '../../i18n/format';
import { friaExportUrl, type FriaExportFormat } from './export-urls';
import { defaultExportNumber } from './fria-model';

const FORMATS: FriaExportFormat[] = ['pdf', 'docx', 'md'];

/** Every version with its state, and the notification (Art. 27(3)) of a chosen version as a file. */
export function FriaVersions({ systemId, state }: { systemId: string; state: FriaState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const fallback = defaultExportNumber(state);
  const [picked, setPicked] = useState<number | null>(null);
  const number = picked !== null && state.versions.some((v) => v.number === picked) ? picked : fallback;
  const chosen = state.versions.find((v) => v.number === number);

  return (
    <Paper withBorder component="section" aria-labelledby="fria-versions-title" data-testid="fria-versions">
      <Stack gap="md" p="lg">
        <Title order={2} fz="lg" id="fria-versions-title">
          {t('fria.versions.title')}
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder fz="sm">
            <caption className="visually-hidden">{t('fria.versions.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fria.versions.number')}</Table.Th>
                <Table.Th scope="col">{t('fria.versions.state')}</Table.Th>
                <Table.Th scope="col">{t('fria.versions.updatedAt')}</Table.Th>
                <Table.Th scope="col">{t('fria.versions.approvedBy')}</Table.Th>
                <Table.Th scope="col">{t('fria.versions.approvedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.versions.map((v) => (
                <Table.Tr key={v.number} data-testid={`fria-version-${v.number}`} data-state={v.state}>
                  <Table.Th scope="row" fw={500}>
                    {t('fria.versions.numberValue', { number: v.number })}
                  </Table.Th>
                  <Table.Td>{t(`fria.states.${v.state}`)}</Table.Td>
                  <Table.Td>{formatDateTime(v.updatedAt, lang)}</Table.Td>
                  <Table.Td>{v.approvedBy ?? t('common.none')}</Table.Td>
                  <Table.Td>{formatDateTime(v.approvedAt, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {number !== null ? (
          <section aria-labelledby="fria-export-title">
            <Title order={3} fz="md" id="fria-export-title" mb={4}>
              {t('fria.export.title')}
            </Title>
            <Text fz="sm" mb="sm">
              {t('fria.export.intro')}
            </Text>
            <Group align="flex-end" gap="md">
              <NativeSelect
                label={t('fria.export.version')}
                value={String(number)}
                onChange={(e) => setPicked(Number(e.currentTarget.value))}
                data={state.versions.map((v) => ({ value: String(v.number), label: t('fria.export.versionOption', { number: v.number, state: t(`fria.states.${v.state}`) }) }))}
                data-testid="fria-export-version"
              />
              <Group gap="xs" role="group" aria-label={t('fria.export.label', { number })}>
                {FORMATS.map((format) => (
                  <Button
                    key={format}
                    component="a"
                    href={friaExportUrl(systemId, format, lang, number)}
                    download
                    variant="default"
                    leftSection={<IconDownload size={14} aria-hidden />}
                    data-testid={`fria-export-${format}`}
                  >
                    {t(`fria.export.${format}`)}
                  </Button>
                ))}
              </Group>
            </Group>
            {chosen?.state === 'draft' ? (
              <Text fz="sm" mt="xs" fw={500} data-testid="fria-export-draft-hint">
                {t('fria.export.draftHint')}
              </Text>
            ) : null}
          </section>
        ) : null}
      </Stack>
    </Paper>
  );
}

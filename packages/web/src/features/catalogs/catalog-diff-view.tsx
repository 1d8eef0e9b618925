import { Fragment } from 'react';
import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CatalogDiff } from '@konform/core';
import { formatLegalRef } from '../../i18n/legal-ref';
import { formatDiffValue } from './diff-values';
import { localized } from './localized';

type Entry = CatalogDiff['added'][number];

/** One line: how many requirements come, go, change and stay. */
export function DiffSummary({ diff }: { diff: CatalogDiff }) {
  const { t } = useTranslation();
  return (
    <Text fz="sm" data-testid="diff-summary">
      {t('catalogs.diff.summary', { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length, unchanged: diff.unchanged })}
    </Text>
  );
}

function EntryTable({ entries, caption }: { entries: Entry[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table verticalSpacing={4} fz="sm" striped>
      <caption className="visually-hidden">{caption}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="10rem">{t('matrix.ref')}</Table.Th>
          <Table.Th>{t('catalogs.diff.titleColumn')}</Table.Th>
          <Table.Th w="9rem">{t('catalogs.kind')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatLegalRef(e.ref, i18n.language)}</Table.Td>
            <Table.Td>{localized(e.title, i18n.language)}</Table.Td>
            <Table.Td>{t(`catalogs.diff.kinds.${e.kind}`)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ChangedTable({ changed }: { changed: CatalogDiff['changed'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Table verticalSpacing={4} fz="sm" data-testid="diff-changed">
      <caption className="visually-hidden">{t('catalogs.diff.changed', { count: changed.length })}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="10rem">{t('matrix.ref')}</Table.Th>
          <Table.Th>{t('catalogs.diff.titleColumn')}</Table.Th>
          <Table.Th>{t('catalogs.diff.field')}</Table.Th>
          <Table.Th>{t('catalogs.diff.before')}</Table.Th>
          <Table.Th>{t('catalogs.diff.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changed.map((entry) => (
          <Fragment key={entry.id}>
            {entry.changes.map((change, index) => {
              const json = change.field === 'appliesWhen';
              const cls = json ? 'diff-value diff-value-json' : 'diff-value';
              return (
                <Table.Tr key={change.field} className={index === 0 ? 'changed-first' : undefined}>
                  {index === 0 ? (
                    <>
                      <Table.Th scope="row" rowSpan={entry.changes.length} fw={500} style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                        {formatLegalRef(entry.ref, lang)}
                      </Table.Th>
                      <Table.Td rowSpan={entry.changes.length} style={{ verticalAlign: 'top' }}>
                        {localized(entry.title, lang)}
                      </Table.Td>
                    </>
                  ) : null}
                  <Table.Td style={{ verticalAlign: 'top' }}>{t(`catalogs.diff.fields.${change.field}`)}</Table.Td>
                  <Table.Td className={cls} style={{ verticalAlign: 'top' }}>
                    {formatDiffValue(change.field, change.before, lang, t)}
                  </Table.Td>
                  <Table.Td className={cls} style={{ verticalAlign: 'top' }}>
                    {formatDiffValue(change.field, change.after, lang, t)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * What changes between two versions of a catalogue: requirements added, removed and changed (each changed field with
 * before → after). Headings are level 3: the page gives the section its level-2 heading.
 */
export function CatalogDiffView({ diff }: { diff: CatalogDiff }) {
  const { t } = useTranslation();
  const none = diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
  return (
    <Stack gap="md" data-testid="catalog-diff">
      <DiffSummary diff={diff} />
      {none ? (
        <Text fz="sm" c="dimmed">
          {t('catalogs.diff.none')}
        </Text>
      ) : null}
      {diff.added.length > 0 ? (
        <div>
          <Title order={3} fz="md" mb={4}>
            {t('catalogs.diff.added', { count: diff.added.length })}
          </Title>
          <EntryTable entries={diff.added} caption={t('catalogs.diff.added', { count: diff.added.length })} />
        </div>
      ) : null}
      {diff.removed.length > 0 ? (
        <div>
          <Title order={3} fz="md" mb={4}>
            {t('catalogs.diff.removed', { count: diff.removed.length })}
          </Title>
          <Text fz="xs" c="dimmed" mb={4}>
            {t('catalogs.diff.removedHint')}
          </Text>
          <EntryTable entries={diff.removed} caption={t('catalogs.diff.removed', { count: diff.removed.length })} />
        </div>
      ) : null}
      {diff.changed.length > 0 ? (
        <div>
          <Title order={3} fz="md" mb={4}>
            {t('catalogs.diff.changed', { count: diff.changed.length })}
          </Title>
          <ChangedTable changed={diff.changed} />
        </div>
      ) : null}
    </Stack>
  );
}

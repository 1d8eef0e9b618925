import { Button, Select, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECKLIST_RESULTS, severityOfResult, type ChecklistItem, type ChecklistResult, type Finding } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { localized } from '../catalogs/localized';
import { ResultBadge } from './audit-badges';
import { useCreateFinding, useRecordItem } from './audit-queries';

interface Props {
  auditId: string;
  items: readonly ChecklistItem[];
  findings: readonly Finding[];
  /** The reader records results (a named auditor or auditing.manage) and the audit is in progress. */
  editable: boolean;
  /** Findings may still be written (in progress or reporting). */
  findingsOpen: boolean;
}

/** One row per system × requirement; the auditor records the result and notes, and raises a finding from a non-conformity. */
export function ChecklistTable({ auditId, items, findings, editable, findingsOpen }: Props) {
  const { t } = useTranslation();
  const record = useRecordItem(auditId);
  const raise = useCreateFinding(auditId);
  const withFinding = new Set(findings.map((f) => f.checklistItemId));
  return (
    <>
      <ErrorAlert error={record.error ?? raise.error} />
      <Table striped data-testid="checklist-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audits.checklist.system')}</Table.Th>
            <Table.Th>{t('audits.checklist.requirement')}</Table.Th>
            <Table.Th>{t('audits.checklist.result')}</Table.Th>
            <Table.Th>{t('audits.checklist.notes')}</Table.Th>
            <Table.Th>{t('audits.checklist.finding')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <ChecklistRow key={item.id} item={item} editable={editable}
              onRecord={(change) => record.mutate({ itemId: item.id, version: item.version, ...change })}
              finding={withFinding.has(item.id) ? 'exists' : findingsOpen && editable && severityOfResult(item.result) !== null ? 'can-raise' : 'none'}
              onRaise={() => raise.mutate({ checklistItemId: item.id, title: `${item.ref}: ${item.systemName}`, description: item.notes })} />
          ))}
          {items.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text c="dimmed" fz="sm">{t('audits.checklist.empty')}</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
    </>
  );
}

interface RowProps {
  item: ChecklistItem;
  editable: boolean;
  onRecord: (change: { result?: ChecklistResult | null; notes?: string }) => void;
  finding: 'exists' | 'can-raise' | 'none';
  onRaise: () => void;
}

function ChecklistRow({ item, editable, onRecord, finding, onRaise }: RowProps) {
  const { t, i18n } = useTranslation();
  const [notes, setNotes] = useState(item.notes);
  const label = `${item.ref} ${localized(item.title, i18n.language)}`;
  return (
    <Table.Tr data-testid="checklist-row" data-requirement={item.requirementKey}>
      <Table.Td>{item.systemName}</Table.Td>
      <Table.Td><Text fz="sm" fw={500}>{item.ref}</Text><Text fz="xs" c="dimmed">{localized(item.title, i18n.language)}</Text></Table.Td>
      <Table.Td>
        {editable ? (
          <Select aria-label={t('audits.checklist.resultFor', { label })} value={item.result} placeholder={t('audits.checklist.unrecorded')} clearable
            data={CHECKLIST_RESULTS.map((r) => ({ value: r, label: t(`audits.result.${r}`) }))}
            onChange={(v) => onRecord({ result: (v as ChecklistResult | null) ?? null, notes })} data-testid="checklist-result" />
        ) : <ResultBadge result={item.result} />}
      </Table.Td>
      <Table.Td>
        {editable ? (
          <TextInput aria-label={t('audits.checklist.notesFor', { label })} value={notes} onChange={(e) => setNotes(e.currentTarget.value)}
            onBlur={() => notes !== item.notes && onRecord({ notes })} data-testid="checklist-notes" />
        ) : <Text fz="sm">{item.notes}</Text>}
      </Table.Td>
      <Table.Td>
        {finding === 'exists' ? <Text fz="sm">{t('audits.checklist.hasFinding')}</Text> : null}
        {finding === 'can-raise' ? <Button size="xs" variant="light" onClick={onRaise} data-testid="checklist-raise-finding">{t('audits.checklist.raiseFinding')}</Button> : null}
      </Table.Td>
    </Table.Tr>
  );
}

import { useState } from 'react';
import { Alert, Anchor, Button, Modal, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CycloneDxImportResult } from '@konform/core';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { ExchangeProblem } from './exchange-problem';
import { useImportCycloneDx } from './exchange-queries';
import { FileImportForm } from './file-import-form';
import { ReasonTable } from './reason-table';

function ImportResult({ result }: { result: CycloneDxImportResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="cyclonedx-result">
      <Alert color="green" variant="light" role="status">
        <Text fz="sm">{t('exchange.cyclonedx.resultTitle', { version: result.specVersion, count: result.items.length })}</Text>
      </Alert>
      <Table fz="sm" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exchange.cyclonedx.type')}</Table.Th>
            <Table.Th>{t('exchange.cyclonedx.name')}</Table.Th>
            <Table.Th>{t('exchange.cyclonedx.item')}</Table.Th>
            <Table.Th>{t('exchange.cyclonedx.version')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.items.map((i) => (
            <Table.Tr key={i.path} data-testid={`cyclonedx-item-${i.path}`}>
              <Table.Td>{t(`exchange.cyclonedx.types.${i.type}`)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/${i.type === 'model' ? 'models' : 'datasets'}/${i.itemId}`} fz="sm">{i.name}</Anchor>
              </Table.Td>
              <Table.Td>{t(`exchange.cyclonedx.outcomes.${i.item}`)}</Table.Td>
              <Table.Td>{i.versionLabel === null ? t(`exchange.cyclonedx.outcomes.${i.version}`) : `${i.versionLabel} (${t(`exchange.cyclonedx.outcomes.${i.version}`)})`}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result.ignored.length > 0 ? (
        <>
          <Text fz="sm" fw={600}>{t('exchange.cyclonedx.ignored')}</Text>
          <ReasonTable
            head={[t('exchange.path'), t('exchange.modelCard.reason')]}
            rows={result.ignored.map((x) => ({ key: x.path, what: <Text span ff="monospace" fz="xs">{x.path}</Text>, reason: x.reason }))}
            testId="cyclonedx-ignored"
          />
        </>
      ) : null}
    </Stack>
  );
}

/** "Import CycloneDX BOM" on the models register: a BOM's models and datasets recorded in a chosen unit. */
export function CycloneDxImportButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => setOpen(true)} data-testid="cyclonedx-import-open">
        {t('exchange.cyclonedx.import')}
      </Button>
      {open ? <CycloneDxImportDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function CycloneDxImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { options } = useUnitOptions();
  const [unit, setUnit] = useState('');
  const [unitMissing, setUnitMissing] = useState(false);
  const importBom = useImportCycloneDx();
  return (
    <Modal opened onClose={onClose} title={t('exchange.cyclonedx.importTitle')} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        <Text fz="sm">{t('exchange.cyclonedx.importText')}</Text>
        <FileImportForm
          accept=".json,application/json,application/vnd.cyclonedx+json"
          hint={t('exchange.hints.json')}
          submitLabel={t('exchange.cyclonedx.submit')}
          pending={importBom.isPending}
          onSubmit={(file) => {
            if (unit === '') return setUnitMissing(true);
            importBom.mutate({ orgUnitId: unit, file });
          }}
          testId="cyclonedx-import"
        >
          <NativeSelect
            label={t('exchange.cyclonedx.unit')}
            required
            value={unit}
            data={[{ value: '', label: t('exchange.chooseOption') }, ...options]}
            error={unitMissing && unit === '' ? t('exchange.chooseUnit') : undefined}
            onChange={(e) => setUnit(e.currentTarget.value)}
            w={420}
            maw="100%"
            data-testid="cyclonedx-import-unit"
          />
        </FileImportForm>
        <ExchangeProblem error={importBom.error} testId="cyclonedx-problem" />
        {importBom.data ? <ImportResult result={importBom.data} /> : null}
      </Stack>
    </Modal>
  );
}

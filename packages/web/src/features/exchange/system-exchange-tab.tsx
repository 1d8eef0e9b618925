import { useState } from 'react';
import { NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth-context';
import { useCatalogs } from '../catalogs/catalog-queries';
import { localized } from '../catalogs/localized';
import { useRequirementMatrix } from '../requirements/requirement-queries';
import { DownloadButton } from './download-button';

function ExchangeCard({ title, text, testId, children }: { title: string; text: string; testId: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-testid={testId}>
      <Stack gap="xs">
        <Title order={2} fz="h4">{title}</Title>
        <Text fz="sm" c="dimmed">{text}</Text>
        {children}
      </Stack>
    </Paper>
  );
}

/** The catalogues with requirement rows for the system, to choose the one a component definition covers. */
function ComponentDefinition({ systemId, fileBase }: { systemId: string; fileBase: string }) {
  const { t, i18n } = useTranslation();
  const matrix = useRequirementMatrix(systemId, { applies: 'true' });
  const catalogs = useCatalogs();
  const ids = (matrix.data?.progress ?? []).filter((p) => p.total > 0).map((p) => p.catalogId);
  const [chosen, setChosen] = useState('');
  const catalog = ids.includes(chosen) ? chosen : (ids[0] ?? '');
  const title = (id: string) => {
    const c = (catalogs.data?.items ?? []).find((x) => x.id === id);
    return c ? `${localized(c.title, i18n.language)} (${id})` : id;
  };
  return (
    <ExchangeCard title={t('exchange.componentDefinition.title')} text={t('exchange.componentDefinition.text')} testId="exchange-component-definition">
      {matrix.isSuccess && ids.length === 0 ? (
        <Text fz="sm" data-testid="exchange-no-catalog">{t('exchange.componentDefinition.noCatalog')}</Text>
      ) : (
        <>
          <NativeSelect
            label={t('exchange.componentDefinition.catalog')}
            value={catalog}
            data={ids.map((id) => ({ value: id, label: title(id) }))}
            onChange={(e) => setChosen(e.currentTarget.value)}
            w={420}
            maw="100%"
            data-testid="exchange-catalog"
          />
          <DownloadButton
            path={`/systems/${systemId}/oscal/component-definition`}
            params={{ catalog }}
            fallbackName={`${fileBase}-${catalog}-component-definition.json`}
            label={t('exchange.download')}
            disabled={catalog === ''}
            testId="exchange-component-definition-download"
          />
        </>
      )}
    </ExchangeCard>
  );
}

/** The "Exchange formats" tab of a system: OSCAL component definition and POA&M, CycloneDX ML-BOM. */
export function SystemExchangeTab({ systemId, fileBase }: { systemId: string; fileBase: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  return (
    <Stack gap="md">
      <Text fz="sm">{t('exchange.intro')}</Text>
      {can('requirement.read') ? <ComponentDefinition systemId={systemId} fileBase={fileBase} /> : null}
      {can('nonconformity.read') ? (
        <ExchangeCard title={t('exchange.poam.title')} text={t('exchange.poam.text')} testId="exchange-poam">
          <DownloadButton
            path={`/systems/${systemId}/oscal/poam`}
            fallbackName={`${fileBase}-poam.json`}
            label={t('exchange.download')}
            known={{ 'nothing-open': t('exchange.poam.nothingOpen') }}
            testId="exchange-poam-download"
          />
        </ExchangeCard>
      ) : null}
      <ExchangeCard title={t('exchange.cyclonedx.title')} text={t('exchange.cyclonedx.text')} testId="exchange-cyclonedx">
        <DownloadButton path={`/systems/${systemId}/cyclonedx`} fallbackName={`${fileBase}.cdx.json`} label={t('exchange.download')} testId="exchange-cyclonedx-download" />
      </ExchangeCard>
    </Stack>
  );
}

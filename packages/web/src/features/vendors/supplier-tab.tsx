import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  SUPPLIER_DOCUMENT_STATUSES,
  isSupplierDocumentFlagged,
  type AiSystem,
  type SupplierDocument,
  type SupplierDocuments,
  type SupplierDocumentsUpdate,
  type SupplierDocumentStatus,
} from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { isApiError } from '../../api/client';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useEvidenceList } from '../evidence/evidence-queries';
import { VendorLink } from './vendor-link';
import { useSaveSupplierDocuments, useSupplierDocuments, useVendor } from './vendor-queries';
import { OwedBadge } from './vendor-badges';

interface ItemValues {
  status: SupplierDocumentStatus;
  dueDate: string;
  receivedOn: string;
  reference: string;
  evidenceId: string;
  note: string;
}

const valuesOf = (docs: SupplierDocuments) => Object.fromEntries(docs.items.map((d) => [d.kind, itemValues(d)])) as Record<string, ItemValues>;
const itemValues = (d: SupplierDocument): ItemValues => ({
  status: d.status, dueDate: d.dueDate ?? '', receivedOn: d.receivedOn ?? '', reference: d.reference, evidenceId: d.evidenceId ?? '', note: d.note,
});
/** What the server's rules say, in the user's language. */
const ERROR_TEXTS = {
  note: 'vendors.documents.errors.note',
  reference: 'vendors.documents.errors.reference',
  receivedOn: 'vendors.documents.errors.receivedOn',
  evidenceId: 'vendors.documents.errors.evidenceId',
} as const;
const localToday = () => new Date().toLocaleDateString('sv-SE');

/** The system tab "Lieferant": the vendor and the documents its supplier owes, received or missing, with due dates. */
export function SupplierTab({ system }: { system: AiSystem }) {
  const { t } = useTranslation();
  const query = useSupplierDocuments(system.id);
  const [generation, setGeneration] = useState(0);
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const reload = () => void query.refetch().then(() => setGeneration((g) => g + 1));
  return (
    <Stack gap="md">
      <Text c="dimmed" fz="sm">
        {t('vendors.documents.intro')}
      </Text>
      <Checklist key={generation} system={system} docs={query.data} onReload={reload} />
    </Stack>
  );
}

function Checklist({ system, docs, onReload }: { system: AiSystem; docs: SupplierDocuments; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const editable = can('vendor.edit') && system.archivedAt === null && docs.procured;
  const vendor = useVendor(docs.vendorId ?? '', docs.vendorId !== null);
  const products = docs.vendorId === null ? [] : (vendor.data?.products ?? []);
  const evidence = useEvidenceList({ systemId: system.id, limit: 200 }, editable);
  const save = useSaveSupplierDocuments(system.id);
  const [productId, setProductId] = useState(docs.productId ?? '');
  const [gpaiStated, setGpaiStated] = useState(docs.gpaiStated);
  const [values, setValues] = useState(() => valuesOf(docs));
  // The version the user edits; only this form's own save or an explicit reload moves it on.
  const [baseVersion, setBaseVersion] = useState(docs.version);
  const [sentKinds, setSentKinds] = useState<string[]>([]);
  const product = products.find((p) => p.id === productId);
  const today = localToday();
  const language = i18n.language.startsWith('en') ? 'en' : 'de';

  // Field errors of the last save, by document kind (the server names items by their index in what was sent).
  const errors: Record<string, Record<string, string>> = {};
  if (isApiError(save.error) && save.error.status === 400) {
    for (const e of save.error.problem.errors ?? []) {
      const match = /^items\.(\d+)\.(\w+)$/.exec(e.path);
      const kind = match ? sentKinds[Number(match[1])] : undefined;
      if (!match || kind === undefined) continue;
      const field = match[2]!;
      (errors[kind] ??= {})[field] = field in ERROR_TEXTS ? t(ERROR_TEXTS[field as keyof typeof ERROR_TEXTS]) : e.message;
    }
  }

  const set = (kind: string, patch: Partial<ItemValues>) => setValues((v) => ({ ...v, [kind]: { ...v[kind]!, ...patch } }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Send what is recorded already and what the user changed; untouched defaults stay unrecorded.
    const items: SupplierDocumentsUpdate['items'] = [];
    const kinds: string[] = [];
    for (const d of docs.items) {
      const v = values[d.kind]!;
      const initial = itemValues(d);
      if (!d.recorded && JSON.stringify(v) === JSON.stringify(initial)) continue;
      kinds.push(d.kind);
      items.push({
        kind: d.kind, status: v.status, dueDate: v.dueDate === '' ? null : v.dueDate, receivedOn: v.receivedOn === '' ? null : v.receivedOn,
        reference: v.reference, evidenceId: v.evidenceId === '' ? null : v.evidenceId, note: v.note,
      });
    }
    setSentKinds(kinds);
    save.mutate(
      { version: baseVersion, productId: productId === '' ? null : productId, gpaiBased: gpaiStated, items },
      {
        onSuccess: (saved) => {
          setBaseVersion(saved.version);
          setValues(valuesOf(saved));
          notifications.show({ color: 'teal', message: t('vendors.documents.saved') });
        },
      },
    );
  };

  const flaggedNow = (v: ItemValues) => isSupplierDocumentFlagged({ status: v.status, dueDate: v.dueDate === '' ? null : v.dueDate }, today);
  const flagged = docs.items.filter((d) => flaggedNow(values[d.kind]!)).length;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {!docs.procured ? (
          <Alert color="gray" variant="light">
            {t('vendors.documents.notProcured')}
          </Alert>
        ) : null}
        <Paper withBorder p="lg" component="section" aria-labelledby="supplier-vendor-heading">
          <Title order={2} id="supplier-vendor-heading" mb="sm">
            {t('vendors.documents.vendorHeading')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
            <div>
              <Text fz="sm" fw={500}>
                {t('vendors.fields.name')}
              </Text>
              <VendorLink system={system} />
            </div>
            <NativeSelect
              label={t('vendors.documents.product')}
              value={productId}
              disabled={!editable || products.length === 0}
              data={[{ value: '', label: t('vendors.documents.noProduct') }, ...products.map((p) => ({ value: p.id, label: p.version ? `${p.name} ${p.version}` : p.name }))]}
              onChange={(e) => setProductId(e.currentTarget.value)}
              data-testid="supplier-product"
            />
            <Checkbox
              mt="lg"
              label={t('vendors.documents.gpaiBased')}
              description={product?.gpai ? t('vendors.documents.gpaiFromProduct') : undefined}
              checked={gpaiStated || product?.gpai === true}
              disabled={!editable || product?.gpai === true}
              onChange={(e) => setGpaiStated(e.currentTarget.checked)}
            />
          </SimpleGrid>
          <Text fz="sm" mt="sm" c="dimmed" data-testid="supplier-basis">
            {docs.classificationBasis === 'none'
              ? t('vendors.documents.basisNone')
              : t('vendors.documents.basis', { basis: t(`vendors.documents.bases.${docs.classificationBasis}`), riskClass: t(`classification.riskClass.${docs.riskClass!}`) })}
          </Text>
        </Paper>
        {flagged > 0 ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="supplier-flagged">
            {t('vendors.documents.flaggedAlert', { count: flagged })}
          </Alert>
        ) : null}
        {docs.items.map((d) => {
          const v = values[d.kind]!;
          const e = errors[d.kind] ?? {};
          const isFlagged = flaggedNow(v);
          const headingId = `supplier-doc-${d.kind}-heading`;
          return (
            <Paper key={d.kind} withBorder p="lg" component="section" aria-labelledby={headingId} data-testid={`supplier-doc-${d.kind}`} data-flagged={isFlagged || undefined}>
              <Group justify="space-between" align="flex-start" gap="sm" mb="xs">
                <div>
                  <Title order={3} id={headingId} fz="md">
                    {t(`vendors.documents.kinds.${d.kind}`)}
                  </Title>
                  <Text fz="xs" c="dimmed">
                    {d.ref}
                  </Text>
                </div>
                <Group gap="xs">
                  {isFlagged ? (
                    <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />} data-testid={`supplier-doc-${d.kind}-flagged`}>
                      {t('vendors.documents.overdue', { date: formatDate(v.dueDate, i18n.language) })}
                    </Badge>
                  ) : null}
                  <OwedBadge owed={d.owed} />
                </Group>
              </Group>
              <Text fz="sm" mb="md">
                {d.reason[language]}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
                <NativeSelect
                  label={t('vendors.documents.status')}
                  value={v.status}
                  disabled={!editable}
                  data={SUPPLIER_DOCUMENT_STATUSES.map((s) => ({ value: s, label: t(`vendors.documents.statuses.${s}`) }))}
                  onChange={(ev) => set(d.kind, { status: ev.currentTarget.value as SupplierDocumentStatus })}
                  data-testid={`supplier-doc-${d.kind}-status`}
                />
                <TextInput
                  type="date"
                  label={t('vendors.documents.dueDate')}
                  value={v.dueDate}
                  disabled={!editable}
                  error={e.dueDate}
                  onChange={(ev) => set(d.kind, { dueDate: ev.currentTarget.value })}
                  data-testid={`supplier-doc-${d.kind}-due`}
                />
                <TextInput
                  type="date"
                  label={t('vendors.documents.receivedOn')}
                  description={v.status === 'received' ? t('vendors.documents.receivedOnHint') : undefined}
                  value={v.receivedOn}
                  disabled={!editable || v.status !== 'received'}
                  error={e.receivedOn}
                  onChange={(ev) => set(d.kind, { receivedOn: ev.currentTarget.value })}
                  data-testid={`supplier-doc-${d.kind}-received`}
                />
                <TextInput
                  label={d.kind === 'eu-registration' ? t('vendors.documents.registrationNumber') : t('vendors.documents.reference')}
                  value={v.reference}
                  maxLength={200}
                  disabled={!editable}
                  error={e.reference}
                  onChange={(ev) => set(d.kind, { reference: ev.currentTarget.value })}
                  data-testid={`supplier-doc-${d.kind}-reference`}
                />
                <NativeSelect
                  label={t('vendors.documents.evidence')}
                  value={v.evidenceId}
                  disabled={!editable}
                  error={e.evidenceId}
                  data={[
                    { value: '', label: t('vendors.documents.noEvidence') },
                    ...(evidence.data?.items ?? []).map((ev) => ({ value: ev.id, label: ev.title })),
                    ...(v.evidenceId !== '' && !(evidence.data?.items ?? []).some((ev) => ev.id === v.evidenceId) ? [{ value: v.evidenceId, label: t('vendors.documents.linkedEvidence') }] : []),
                  ]}
                  onChange={(ev) => set(d.kind, { evidenceId: ev.currentTarget.value })}
                />
                <TextInput
                  label={t('vendors.documents.note')}
                  value={v.note}
                  maxLength={2000}
                  disabled={!editable}
                  error={e.note}
                  onChange={(ev) => set(d.kind, { note: ev.currentTarget.value })}
                  data-testid={`supplier-doc-${d.kind}-note`}
                />
              </SimpleGrid>
              {d.updatedAt !== null ? (
                <Text fz="xs" c="dimmed" mt="xs">
                  {t('vendors.documents.updated', { by: d.updatedBy ?? '', date: formatDate(d.updatedAt, i18n.language) })}
                </Text>
              ) : null}
            </Paper>
          );
        })}
        <ErrorAlert error={save.error} onReload={onReload} />
        {editable ? (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="supplier-save">
              {t('vendors.documents.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

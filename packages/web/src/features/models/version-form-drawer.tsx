import { useMemo, useState, type FormEvent } from 'react';
import { Checkbox, Code, Divider, NativeSelect, SimpleGrid, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { INDEPENDENCE, SHA256_PATTERN, manifestDigest, manifestProblems, type ManifestEntry, type TestItemType } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { manifestErrorText, modelFieldErrors } from './field-errors';
import { useCreateVersion, type Item, type ItemVersion } from './model-queries';

/**
 * Reads a manifest in the format `sha256sum` prints: `<sha256>  <path>` per line (a `*` before the path, binary mode,
 * is dropped). A line that does not fit is sent as it is, so the server names it.
 */
export function parseManifest(text: string): ManifestEntry[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^\s*(\S+)\s+\*?(.+?)\s*$/.exec(line);
      return match ? { sha256: match[1]!, path: match[2]! } : { sha256: '', path: line.trim() };
    });
}

interface Values {
  label: string;
  source: string;
  licence: string;
  receivedOn: string;
  manifest: string;
  notes: string;
  origin: string;
  collectionFrom: string;
  collectionTo: string;
  personalData: boolean;
  legalBasis: string;
  gapsAndBiases: string;
  intendedUse: string;
  independentOfTraining: string;
  independenceNote: string;
}

const localToday = () => new Date().toLocaleDateString('sv-SE');

/** Records a new version of a model or dataset: label, source, licence, receipt, the manifest of its files, and for datasets the datasheet. */
export function VersionFormDrawer({ type, item, onClose, onSaved }: { type: TestItemType; item: Item; onClose: () => void; onSaved?: (v: ItemVersion) => void }) {
  const { t } = useTranslation();
  const mutation = useCreateVersion(type, item.id);
  const [values, setValues] = useState<Values>({
    label: '', source: '', licence: item.licence, receivedOn: localToday(), manifest: '', notes: '', origin: '', collectionFrom: '', collectionTo: '',
    personalData: false, legalBasis: '', gapsAndBiases: '', intendedUse: '', independentOfTraining: 'unknown', independenceNote: '',
  });
  const errors = modelFieldErrors(mutation.error, t);
  useFocusFirstError(mutation.error);
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const entries = useMemo(() => parseManifest(values.manifest), [values.manifest]);
  const preview = entries.length > 0 && manifestProblems(entries).length === 0 && entries.every((e) => SHA256_PATTERN.test(e.sha256.toLowerCase())) ? manifestDigest(entries) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const base = { label: values.label, source: values.source, licence: values.licence, receivedOn: values.receivedOn, manifest: entries, notes: values.notes };
    const body =
      type === 'model'
        ? base
        : {
            ...base, origin: values.origin, collectionFrom: values.collectionFrom || null, collectionTo: values.collectionTo || null, personalData: values.personalData,
            legalBasis: values.legalBasis, gapsAndBiases: values.gapsAndBiases, intendedUse: values.intendedUse, independentOfTraining: values.independentOfTraining,
            independenceNote: values.independenceNote,
          };
    mutation.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('models.versionForm.created', { label: saved.label }) });
        onSaved?.(saved);
        onClose();
      },
    });
  };

  const manifestError = manifestErrorText(errors, t);
  const shown = new Set(['label', 'source', 'licence', 'receivedOn', 'notes', 'origin', 'collectionFrom', 'collectionTo', 'legalBasis', 'gapsAndBiases', 'intendedUse', 'independentOfTraining', 'independenceNote']);
  const unshown = Object.keys(errors).some((p) => !shown.has(p) && !p.startsWith('manifest'));
  return (
    <FormDrawer size="xl" title={t('models.versionForm.title', { name: item.name })} onClose={onClose} onSubmit={submit} testId="version-form">
      {unshown ? <ErrorAlert error={mutation.error} /> : null}
      {Object.keys(errors).length === 0 ? <ErrorAlert error={mutation.error} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('models.fields.label')} description={t('models.versionForm.labelHint')} required value={values.label} maxLength={100} error={errors.label} onChange={(e) => set({ label: e.currentTarget.value })} data-testid="version-form-label" />
        <TextInput type="date" label={t('models.fields.receivedOn')} required value={values.receivedOn} error={errors.receivedOn} onChange={(e) => set({ receivedOn: e.currentTarget.value })} data-testid="version-form-received" />
        <TextInput label={t('models.fields.source')} description={t('models.versionForm.sourceHint')} value={values.source} maxLength={1000} error={errors.source} onChange={(e) => set({ source: e.currentTarget.value })} data-testid="version-form-source" />
        <TextInput label={t('models.fields.licence')} value={values.licence} maxLength={300} error={errors.licence} onChange={(e) => set({ licence: e.currentTarget.value })} />
      </SimpleGrid>
      <Textarea
        label={t('models.fields.manifest')}
        description={t('models.versionForm.manifestHint')}
        required
        value={values.manifest}
        autosize
        minRows={5}
        maxRows={16}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        error={manifestError}
        onChange={(e) => set({ manifest: e.currentTarget.value })}
        data-testid="version-form-manifest"
        spellCheck={false}
      />
      <Text fz="sm" c="dimmed" aria-live="polite">
        {t('models.versionForm.files', { count: entries.length })}
        {preview !== null ? (
          <>
            {' · '}
            {t('models.fields.manifestDigest')}: <Code data-testid="version-form-digest">{preview}</Code>
          </>
        ) : null}
      </Text>
      {type === 'dataset' ? (
        <>
          <Divider />
          <Title order={3} fz="md">
            {t('models.datasheet.title')}
          </Title>
          <Textarea label={t('models.datasheet.origin')} value={values.origin} maxLength={5000} autosize minRows={2} error={errors.origin} onChange={(e) => set({ origin: e.currentTarget.value })} data-testid="version-form-origin" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="date" label={t('models.datasheet.collectionFrom')} value={values.collectionFrom} error={errors.collectionFrom} onChange={(e) => set({ collectionFrom: e.currentTarget.value })} />
            <TextInput type="date" label={t('models.datasheet.collectionTo')} value={values.collectionTo} error={errors.collectionTo} onChange={(e) => set({ collectionTo: e.currentTarget.value })} />
          </SimpleGrid>
          <Checkbox label={t('models.datasheet.personalData')} checked={values.personalData} onChange={(e) => set({ personalData: e.currentTarget.checked })} data-testid="version-form-personal" />
          <Textarea
            label={t('models.datasheet.legalBasis')}
            description={t('models.datasheet.legalBasisHint')}
            required={values.personalData}
            value={values.legalBasis}
            maxLength={2000}
            autosize
            minRows={1}
            error={errors.legalBasis}
            onChange={(e) => set({ legalBasis: e.currentTarget.value })}
            data-testid="version-form-legal-basis"
          />
          <Textarea label={t('models.datasheet.gapsAndBiases')} value={values.gapsAndBiases} maxLength={10000} autosize minRows={2} error={errors.gapsAndBiases} onChange={(e) => set({ gapsAndBiases: e.currentTarget.value })} />
          <Textarea label={t('models.datasheet.intendedUse')} value={values.intendedUse} maxLength={5000} autosize minRows={1} error={errors.intendedUse} onChange={(e) => set({ intendedUse: e.currentTarget.value })} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('models.datasheet.independentOfTraining')}
              value={values.independentOfTraining}
              data={INDEPENDENCE.map((v) => ({ value: v, label: t(`models.independence.${v}`) }))}
              onChange={(e) => set({ independentOfTraining: e.currentTarget.value })}
              data-testid="version-form-independent"
            />
            <TextInput label={t('models.datasheet.independenceNote')} value={values.independenceNote} maxLength={5000} onChange={(e) => set({ independenceNote: e.currentTarget.value })} />
          </SimpleGrid>
        </>
      ) : null}
      <Textarea label={t('models.fields.notes')} value={values.notes} maxLength={10000} autosize minRows={2} error={errors.notes} onChange={(e) => set({ notes: e.currentTarget.value })} />
      <FormActions onCancel={onClose} submitLabel={t('models.versionForm.submit')} submitTestId="version-form-submit" pending={mutation.isPending} />
    </FormDrawer>
  );
}

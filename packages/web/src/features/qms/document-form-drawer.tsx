import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Checkbox, MultiSelect, NativeSelect, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ART_17_ELEMENTS, QMS_DOCUMENT_KINDS, type Art17Element, type QmsDocumentDetail, type QmsDocumentKind, type QmsDocumentUpdate } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { useAuth, useCurrentUser } from '../../app/auth-context';
import { formatLegalRef } from '../../i18n/legal-ref';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { localized } from '../catalogs/localized';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useCreateQmsDocument, useOwnerCandidates, useQmsCoverage, useUpdateQmsDocument } from './qms-queries';

interface Values {
  kind: QmsDocumentKind;
  title: string;
  ownerId: string | null;
  orgUnitId: string;
  reviewMonths: number;
  art17Elements: Art17Element[];
  isoClauses: string[];
  reason: string;
}

interface Props {
  /** The document to edit; without it, a new one is created (with an empty first draft). */
  document?: QmsDocumentDetail;
  onClose: () => void;
  onCreated?: (created: QmsDocumentDetail) => void;
  onReload?: () => void;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A management-system document's data: kind, title, owner, unit, review cycle, and what it covers. */
export function DocumentFormDrawer({ document, onClose, onCreated, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useCurrentUser();
  const { can } = useAuth();
  const create = useCreateQmsDocument();
  const update = useUpdateQmsDocument(document?.id ?? '');
  const mutation = document === undefined ? create : update;
  const { options: unitOptions } = useUnitOptions();
  const owners = useOwnerCandidates(can('user.read'));
  const coverage = useQmsCoverage();
  const [values, setValues] = useState<Values>(() => ({
    kind: document?.kind ?? 'policy',
    title: document?.title ?? '',
    ownerId: document?.ownerId ?? me.id,
    orgUnitId: document?.orgUnitId ?? '',
    reviewMonths: document?.reviewMonths ?? 12,
    art17Elements: document?.art17Elements ?? [],
    isoClauses: document?.isoClauses ?? [],
    reason: '',
  }));
  const [missing, setMissing] = useState<'title' | 'ownerId' | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const server = fieldErrorsOf(mutation.error);
  useFocusFirstError(mutation.error ?? missing);

  const ownerData = useMemo(() => {
    const list = (owners.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }));
    const current = document ? { value: document.ownerId, label: document.ownerLabel } : { value: me.id, label: `${me.displayName} (${me.email})` };
    return list.some((o) => o.value === current.value) ? list : [current, ...list];
  }, [owners.data, document, me]);
  const clauseData = useMemo(
    () => (coverage.data?.iso42001 ?? []).map((r) => ({ value: r.key, label: `${r.ref} ${localized(r.title, lang)}` })),
    [coverage.data, lang],
  );

  const errorOf = (field: keyof Values): string | undefined => {
    if (missing === field) return t('common.required');
    const message = server[field];
    if (message === undefined) return undefined;
    if (field === 'isoClauses') return t('qms.form.errors.clause');
    if (field === 'ownerId') return message === 'Unknown user' ? t('qms.form.errors.ownerUnknown') : message === 'The user is deactivated' ? t('qms.form.errors.ownerInactive') : t('qms.form.errors.ownerScope');
    if (field === 'reviewMonths') return t('qms.form.errors.reviewMonths');
    return message;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (values.title.trim() === '') return setMissing('title');
    if (values.ownerId === null) return setMissing('ownerId');
    setMissing(null);
    const ownerId = values.ownerId;
    if (document === undefined) {
      create.mutate(
        {
          kind: values.kind, title: values.title.trim(), ownerId, reviewMonths: values.reviewMonths, art17Elements: values.art17Elements, isoClauses: values.isoClauses,
          ...(values.orgUnitId === '' ? {} : { orgUnitId: values.orgUnitId }),
        },
        {
          onSuccess: (created) => {
            notifications.show({ color: 'teal', message: t('qms.form.created', { title: created.title }) });
            onCreated?.(created);
            onClose();
          },
        },
      );
      return;
    }
    const payload: QmsDocumentUpdate = {
      version: document.version,
      ...(values.kind !== document.kind ? { kind: values.kind } : {}),
      ...(values.title.trim() !== document.title ? { title: values.title.trim() } : {}),
      ...(ownerId !== document.ownerId ? { ownerId } : {}),
      ...(values.orgUnitId !== '' && values.orgUnitId !== document.orgUnitId ? { orgUnitId: values.orgUnitId } : {}),
      ...(values.reviewMonths !== document.reviewMonths ? { reviewMonths: values.reviewMonths } : {}),
      ...(!sameList(ART_17_ELEMENTS.map((e) => e.id).filter((e) => values.art17Elements.includes(e)), document.art17Elements) ? { art17Elements: values.art17Elements } : {}),
      ...(!sameList(values.isoClauses, document.isoClauses) ? { isoClauses: values.isoClauses } : {}),
      ...(values.reason.trim() !== '' ? { reason: values.reason.trim() } : {}),
    };
    if (Object.keys(payload).filter((k) => k !== 'version' && k !== 'reason').length === 0) {
      notifications.show({ color: 'gray', message: t('qms.form.noChanges') });
      onClose();
      return;
    }
    update.mutate(payload, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('qms.form.saved') });
        onClose();
      },
    });
  };

  return (
    <FormDrawer size="xl" title={document === undefined ? t('qms.form.createTitle') : t('qms.form.editTitle')} onClose={onClose} onSubmit={submit} testId="qms-document-form">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('qms.form.kind')}
          value={values.kind}
          data={QMS_DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`qms.kinds.${k}`) }))}
          onChange={(e) => set('kind', e.currentTarget.value as QmsDocumentKind)}
          data-testid="qms-form-kind"
        />
        <NumberInput
          label={t('qms.form.reviewMonths')}
          description={t('qms.form.reviewMonthsHint')}
          min={1}
          max={60}
          allowDecimal={false}
          value={values.reviewMonths}
          error={errorOf('reviewMonths')}
          onChange={(v) => set('reviewMonths', typeof v === 'number' ? v : Number(v) || 1)}
          data-testid="qms-form-review-months"
        />
      </SimpleGrid>
      <TextInput
        label={t('qms.form.title')}
        required
        maxLength={300}
        data-autofocus
        value={values.title}
        error={errorOf('title')}
        aria-invalid={errorOf('title') !== undefined}
        onChange={(e) => set('title', e.currentTarget.value)}
        data-testid="qms-form-title"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('qms.form.owner')}
          description={t('qms.form.ownerHint')}
          required
          searchable
          data={ownerData}
          value={values.ownerId}
          onChange={(v) => set('ownerId', v)}
          nothingFoundMessage={t('qms.form.ownerNothingFound')}
          error={errorOf('ownerId')}
          aria-invalid={errorOf('ownerId') !== undefined}
          data-testid="qms-form-owner"
        />
        <NativeSelect
          label={t('qms.form.orgUnit')}
          description={t('qms.form.orgUnitHint')}
          value={values.orgUnitId}
          data={[...(document === undefined ? [{ value: '', label: t('qms.form.orgUnitDefault') }] : []), ...unitOptions]}
          error={errorOf('orgUnitId')}
          onChange={(e) => set('orgUnitId', e.currentTarget.value)}
          data-testid="qms-form-unit"
        />
      </SimpleGrid>
      <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
        <Text fz="sm">{t('qms.form.coversHint')}</Text>
      </Alert>
      <Checkbox.Group
        label={t('qms.form.art17')}
        value={values.art17Elements}
        onChange={(v) => set('art17Elements', ART_17_ELEMENTS.map((e) => e.id).filter((id) => v.includes(id)))}
        error={errorOf('art17Elements')}
      >
        <Stack gap={6} mt={6}>
          {ART_17_ELEMENTS.map((e) => (
            <Checkbox key={e.id} value={e.id} size="sm" label={`${formatLegalRef(e.ref, lang)} – ${localized(e.title, lang)}`} data-testid={`qms-form-art17-${e.id}`} />
          ))}
        </Stack>
      </Checkbox.Group>
      <MultiSelect
        label={t('qms.form.isoClauses')}
        description={t('qms.form.isoClausesHint')}
        placeholder={values.isoClauses.length === 0 ? t('qms.form.isoClausesPlaceholder') : undefined}
        searchable
        data={clauseData}
        value={values.isoClauses}
        onChange={(v) => set('isoClauses', v)}
        nothingFoundMessage={t('qms.form.isoNothingFound')}
        error={errorOf('isoClauses')}
        aria-invalid={errorOf('isoClauses') !== undefined}
        data-testid="qms-form-iso"
      />
      {document !== undefined ? (
        <Textarea label={t('qms.form.reason')} autosize minRows={2} maxLength={1000} value={values.reason} onChange={(e) => set('reason', e.currentTarget.value)} />
      ) : null}
      <ErrorAlert
        error={Object.keys(server).length > 0 ? null : mutation.error}
        onReload={
          onReload === undefined
            ? undefined
            : () => {
                update.reset();
                onReload();
                onClose();
              }
        }
      />
      <FormActions onCancel={onClose} pending={mutation.isPending} submitTestId="qms-form-submit" submitLabel={document === undefined ? t('qms.form.create') : t('common.save')} />
    </FormDrawer>
  );
}

import { useState, type FormEvent } from 'react';
import { Checkbox, NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { DATASET_KINDS, MODEL_KINDS, type TestItemType } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { modelFieldErrors } from './field-errors';
import { useSaveItem, type Item } from './model-queries';

interface Props {
  type: TestItemType;
  /** The item to change; without it a new one is registered. */
  item?: Item;
  onClose: () => void;
  onSaved?: (item: Item) => void;
}

interface Values {
  name: string;
  provider: string;
  kind: string;
  description: string;
  licence: string;
  orgUnitId: string;
  gpai: boolean;
}

/** Registers a model or dataset, or changes one: name, provider, kind, description, licence, unit (and GPAI for models). */
export function ItemFormDrawer({ type, item, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { options: unitOptions } = useUnitOptions();
  const mutation = useSaveItem(type, item?.id ?? null);
  const kinds = type === 'model' ? MODEL_KINDS : DATASET_KINDS;
  const [initial] = useState<Values>(() => ({
    name: item?.name ?? '', provider: item?.provider ?? '', kind: item?.kind ?? kinds[0], description: item?.description ?? '', licence: item?.licence ?? '',
    orgUnitId: item?.orgUnitId ?? '', gpai: item !== undefined && 'gpai' in item ? item.gpai : false,
  }));
  const [values, setValues] = useState(initial);
  const errors = modelFieldErrors(mutation.error, t);
  useFocusFirstError(mutation.error);
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const k = type === 'model' ? 'models' : 'datasets';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { gpai, ...rest } = values;
    const body: Record<string, unknown> = { ...rest, ...(type === 'model' ? { gpai } : {}) };
    if (item !== undefined) {
      for (const key of Object.keys(body)) if (body[key] === initial[key as keyof Values]) delete body[key];
      if (Object.keys(body).length === 0) {
        onClose();
        return;
      }
      body.version = item.version;
    }
    mutation.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t(item === undefined ? 'models.form.created' : 'models.form.saved', { name: saved.name }) });
        onSaved?.(saved);
        onClose();
      },
    });
  };

  return (
    <FormDrawer size="lg" title={item === undefined ? t(`models.form.createTitle.${k}`) : t('models.form.editTitle', { name: item.name })} onClose={onClose} onSubmit={submit} testId={`${type}-form`}>
      <ErrorAlert error={Object.keys(errors).length > 0 ? null : mutation.error} />
      <TextInput label={t('models.fields.name')} required value={values.name} maxLength={300} error={errors.name} onChange={(e) => set({ name: e.currentTarget.value })} data-testid="item-form-name" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('models.fields.provider')} description={t('models.form.providerHint')} value={values.provider} maxLength={300} error={errors.provider} onChange={(e) => set({ provider: e.currentTarget.value })} data-testid="item-form-provider" />
        <NativeSelect
          label={t('models.fields.kind')}
          value={values.kind}
          data={kinds.map((kind) => ({ value: kind, label: t(`models.kinds.${kind}` as 'models.kinds.other') }))}
          error={errors.kind}
          onChange={(e) => set({ kind: e.currentTarget.value })}
          data-testid="item-form-kind"
        />
        <TextInput label={t('models.fields.licence')} value={values.licence} maxLength={300} error={errors.licence} onChange={(e) => set({ licence: e.currentTarget.value })} data-testid="item-form-licence" />
        <NativeSelect
          label={t('models.fields.orgUnit')}
          required
          value={values.orgUnitId}
          data={[...(item === undefined ? [{ value: '', label: t('models.form.chooseUnit') }] : []), ...unitOptions]}
          error={errors.orgUnitId}
          onChange={(e) => set({ orgUnitId: e.currentTarget.value })}
          data-testid="item-form-unit"
        />
      </SimpleGrid>
      <Textarea label={t('models.fields.description')} value={values.description} maxLength={10000} autosize minRows={3} error={errors.description} onChange={(e) => set({ description: e.currentTarget.value })} />
      {type === 'model' ? (
        <Checkbox label={t('models.fields.gpai')} description={t('models.form.gpaiHint')} checked={values.gpai} onChange={(e) => set({ gpai: e.currentTarget.checked })} data-testid="item-form-gpai" />
      ) : null}
      <FormActions onCancel={onClose} submitLabel={item === undefined ? t('common.create') : t('common.save')} submitTestId="item-form-submit" pending={mutation.isPending} />
    </FormDrawer>
  );
}

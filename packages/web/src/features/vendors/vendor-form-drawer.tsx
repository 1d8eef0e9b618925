import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ActionIcon, Button, Checkbox, Divider, Group, Paper, SimpleGrid, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { VendorDetail } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useCreateVendor, useUpdateVendor } from './vendor-queries';
import {
  createPayload,
  emptyContract,
  emptyProduct,
  emptyVendorValues,
  updatePayload,
  vendorFieldErrors,
  vendorValues,
  type ContractValues,
  type ProductValues,
  type VendorFormValues,
} from './vendor-form-values';

interface Props {
  /** The vendor to edit; without it, a new vendor is recorded. */
  vendor?: VendorDetail;
  onClose: () => void;
  onSaved?: (vendor: VendorDetail) => void;
  onReload?: () => void;
}

/** Records a vendor or changes one: contact, contracts and AI products. */
export function VendorFormDrawer({ vendor, onClose, onSaved, onReload }: Props) {
  const { t } = useTranslation();
  const create = useCreateVendor();
  const update = useUpdateVendor(vendor?.id ?? '');
  const mutation = vendor === undefined ? create : update;
  const [initial] = useState(() => (vendor === undefined ? emptyVendorValues() : vendorValues(vendor)));
  const [values, setValues] = useState<VendorFormValues>(initial);
  const errors = vendorFieldErrors(mutation.error, t);
  useFocusFirstError(mutation.error);

  const set = (patch: Partial<VendorFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const setContract = (i: number, patch: Partial<ContractValues>) => set({ contracts: values.contracts.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const setProduct = (i: number, patch: Partial<ProductValues>) => set({ products: values.products.map((p, j) => (j === i ? { ...p, ...patch } : p)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = (saved: VendorDetail) => {
      notifications.show({ color: 'teal', message: t(vendor === undefined ? 'vendors.form.created' : 'vendors.form.saved', { name: saved.name }) });
      onSaved?.(saved);
      onClose();
    };
    if (vendor === undefined) {
      create.mutate(createPayload(values), { onSuccess: done });
      return;
    }
    const payload = updatePayload(initial, values, vendor.version);
    if (payload === null) {
      onClose();
      return;
    }
    update.mutate(payload, { onSuccess: done });
  };

  const field = (key: 'name' | 'contactPerson' | 'email' | 'phone' | 'website', max: number) => ({
    label: t(`vendors.fields.${key}`),
    name: key,
    value: values[key],
    maxLength: max,
    error: errors[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set({ [key]: e.currentTarget.value }),
  });

  return (
    <FormDrawer size="xl" title={vendor === undefined ? t('vendors.form.createTitle') : t('vendors.form.editTitle', { name: vendor.name })} onClose={onClose} onSubmit={submit}>
      <TextInput {...field('name', 200)} required data-testid="vendor-form-name" />
      <Textarea label={t('vendors.fields.address')} name="address" value={values.address} maxLength={1000} autosize minRows={2} onChange={(e) => set({ address: e.currentTarget.value })} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput {...field('contactPerson', 200)} />
        <TextInput {...field('email', 254)} type="email" />
        <TextInput {...field('phone', 100)} type="tel" />
        <TextInput {...field('website', 500)} type="url" placeholder="https://" />
      </SimpleGrid>
      <Textarea label={t('vendors.fields.notes')} name="notes" value={values.notes} maxLength={10000} autosize minRows={2} onChange={(e) => set({ notes: e.currentTarget.value })} />

      <Divider />
      <Group justify="space-between">
        <Title order={3} fz="md">
          {t('vendors.fields.contracts')}
        </Title>
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set({ contracts: [...values.contracts, emptyContract()] })} data-testid="vendor-form-add-contract">
          {t('vendors.form.addContract')}
        </Button>
      </Group>
      {values.contracts.length === 0 ? <Text fz="sm" c="dimmed">{t('vendors.form.noContracts')}</Text> : null}
      {values.contracts.map((c, i) => (
        <Paper key={c.id ?? `new-${i}`} withBorder p="sm" component="fieldset" aria-label={t('vendors.form.contractN', { n: i + 1 })}>
          <Group justify="space-between" align="flex-start" mb="xs">
            <Text fz="sm" fw={600}>
              {t('vendors.form.contractN', { n: i + 1 })}
            </Text>
            <ActionIcon variant="subtle" color="red" aria-label={t('vendors.form.removeContract', { n: i + 1 })} onClick={() => set({ contracts: values.contracts.filter((_, j) => j !== i) })}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('vendors.contracts.title')} required value={c.title} maxLength={300} error={errors[`contracts.${i}.title`]} onChange={(e) => setContract(i, { title: e.currentTarget.value })} />
            <TextInput label={t('vendors.contracts.reference')} value={c.reference} maxLength={200} onChange={(e) => setContract(i, { reference: e.currentTarget.value })} />
            <TextInput type="date" label={t('vendors.contracts.startDate')} value={c.startDate} error={errors[`contracts.${i}.startDate`]} onChange={(e) => setContract(i, { startDate: e.currentTarget.value })} />
            <TextInput type="date" label={t('vendors.contracts.endDate')} value={c.endDate} error={errors[`contracts.${i}.endDate`]} onChange={(e) => setContract(i, { endDate: e.currentTarget.value })} />
            <TextInput label={t('vendors.contracts.noticePeriod')} placeholder={t('vendors.contracts.noticePlaceholder')} value={c.noticePeriod} maxLength={200} onChange={(e) => setContract(i, { noticePeriod: e.currentTarget.value })} />
            <TextInput label={t('vendors.contracts.notes')} value={c.notes} maxLength={5000} onChange={(e) => setContract(i, { notes: e.currentTarget.value })} />
          </SimpleGrid>
        </Paper>
      ))}

      <Divider />
      <Group justify="space-between">
        <Title order={3} fz="md">
          {t('vendors.fields.products')}
        </Title>
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set({ products: [...values.products, emptyProduct()] })} data-testid="vendor-form-add-product">
          {t('vendors.form.addProduct')}
        </Button>
      </Group>
      {values.products.length === 0 ? <Text fz="sm" c="dimmed">{t('vendors.form.noProducts')}</Text> : null}
      {values.products.map((p, i) => (
        <Paper key={p.id ?? `new-${i}`} withBorder p="sm" component="fieldset" aria-label={t('vendors.form.productN', { n: i + 1 })}>
          <Group justify="space-between" align="flex-start" mb="xs">
            <Text fz="sm" fw={600}>
              {t('vendors.form.productN', { n: i + 1 })}
            </Text>
            <ActionIcon variant="subtle" color="red" aria-label={t('vendors.form.removeProduct', { n: i + 1 })} onClick={() => set({ products: values.products.filter((_, j) => j !== i) })}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('vendors.products.name')} required value={p.name} maxLength={200} error={errors[`products.${i}.name`]} onChange={(e) => setProduct(i, { name: e.currentTarget.value })} />
            <TextInput label={t('vendors.products.version')} value={p.version} maxLength={100} onChange={(e) => setProduct(i, { version: e.currentTarget.value })} />
          </SimpleGrid>
          <Textarea mt="sm" label={t('vendors.products.description')} value={p.description} maxLength={5000} autosize minRows={1} onChange={(e) => setProduct(i, { description: e.currentTarget.value })} />
          <Checkbox mt="sm" label={t('vendors.products.gpai')} description={t('vendors.products.gpaiHint')} checked={p.gpai} onChange={(e) => setProduct(i, { gpai: e.currentTarget.checked })} />
        </Paper>
      ))}

      <ErrorAlert error={mutation.error} onReload={onReload} />
      <FormActions onCancel={onClose} pending={mutation.isPending} submitTestId="vendor-form-submit" submitLabel={t('common.save')} />
    </FormDrawer>
  );
}

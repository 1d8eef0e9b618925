import { Autocomplete, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { vendorNameKey } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { useVendorOptions } from './vendor-queries';

interface Props {
  vendorId: string | null;
  /** The vendor's name as typed; with vendorId null a name the server finds or creates on save. */
  vendor: string;
  required: boolean;
  error?: string | undefined;
  label: string;
  onChange: (patch: { vendorId: string | null; vendor: string }) => void;
}

/**
 * The vendor of an AI system: a text field that suggests the vendor records as you type. A name that matches a
 * record (case and spaces aside) links it; any other name becomes a new vendor when the system is saved.
 */
export function VendorSelect({ vendorId, vendor, required, error, label, onChange }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const readable = can('vendor.read');
  const options = useVendorOptions(readable);
  const vendors = options.data ?? [];
  const match = (name: string) => (name.trim() === '' ? undefined : vendors.find((v) => vendorNameKey(v.name) === vendorNameKey(name)));
  const isNew = vendor.trim() !== '' && vendorId === null && options.data !== undefined && match(vendor) === undefined;
  const common = {
    label,
    name: 'vendor',
    required,
    value: vendor,
    error,
    maxLength: 200,
    description: isNew ? t('vendors.select.newHint', { name: vendor.trim() }) : t('vendors.select.hint'),
    'aria-invalid': error !== undefined,
  };
  const change = (text: string) => onChange({ vendorId: match(text)?.id ?? null, vendor: text });

  if (!readable) return <TextInput {...common} onChange={(event) => change(event.currentTarget.value)} />;
  return (
    <Autocomplete
      {...common}
      placeholder={t('vendors.select.placeholder')}
      data={vendors.map((v) => v.name)}
      limit={20}
      maxDropdownHeight={320}
      onChange={change}
      data-testid="system-form-vendor"
    />
  );
}

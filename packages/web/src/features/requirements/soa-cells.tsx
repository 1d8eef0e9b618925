import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localized } from '../catalogs/localized';
import { whyText } from './why-text';
import { formatLegalRef } from '../../i18n/legal-ref';

interface SoaItem {
  ref: string;
  title: { de: string; en: string };
  applicable: boolean;
  justification: string;
}

/** The columns every statement of applicability shares: reference, control, applicable, justification. */
export function SoaCells({ item }: { item: SoaItem }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatLegalRef(item.ref, i18n.language)}</Table.Td>
      <Table.Td>{localized(item.title, i18n.language)}</Table.Td>
      <Table.Td>
        <Badge size="sm" variant={item.applicable ? 'light' : 'outline'} color={item.applicable ? 'teal' : 'gray.7'} c={item.applicable ? 'dark.9' : undefined}>
          {item.applicable ? t('common.yes') : t('common.no')}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text fz="xs">{item.justification.split('; ').map((part) => whyText(part, t)).join('; ')}</Text>
      </Table.Td>
    </>
  );
}

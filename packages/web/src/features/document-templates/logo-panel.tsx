import { useState } from 'react';
import { Button, Card, FileButton, Group, Image, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { LOGO_MAX_BYTES, LOGO_MEDIA_TYPES, type DocumentLogoInfo, type LogoMediaType } from '@konform/core';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { logoUrl, useRemoveLogo, useUploadLogo } from './template-queries';

/** The file's bytes as base64 (what the logo route takes). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const isLogoType = (type: string): type is LogoMediaType => (LOGO_MEDIA_TYPES as readonly string[]).includes(type);

/** The organisation's logo on every document's title page: shown, replaced or removed. */
export function LogoPanel({ logo, editable }: { logo: DocumentLogoInfo | null; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const upload = useUploadLogo();
  const remove = useRemoveLogo();
  const [refusal, setRefusal] = useState<string | null>(null);

  const choose = async (file: File | null) => {
    setRefusal(null);
    if (!file) return;
    if (!isLogoType(file.type)) return setRefusal(t('documentTemplates.logoType'));
    if (file.size > LOGO_MAX_BYTES) return setRefusal(t('documentTemplates.logoTooBig'));
    upload.mutate({ mediaType: file.type, data: await base64Of(file) }, { onSuccess: () => notifications.show({ color: 'teal', message: t('documentTemplates.logoSaved') }) });
  };

  return (
    <Card withBorder padding="md" data-testid="template-logo">
      <Title order={2} fz="h4">{t('documentTemplates.logo')}</Title>
      <Text c="dimmed" fz="sm">{t('documentTemplates.logoHint')}</Text>
      <Stack gap="xs" mt="xs">
        {logo ? (
          <>
            <Image src={logoUrl(logo.sha256)} alt={t('documentTemplates.logoAlt')} maw={240} mah={100} fit="contain" w="auto" />
            <Text fz="sm">
              {t('documentTemplates.logoLine', { type: logo.mediaType === 'image/png' ? 'PNG' : 'JPEG', size: Math.ceil(logo.size / 1024), date: formatDateTime(logo.uploadedAt, i18n.language), name: logo.uploadedByLabel })}
            </Text>
          </>
        ) : (
          <Text fz="sm">{t('documentTemplates.logoNone')}</Text>
        )}
        {refusal ? <ErrorAlert error={new Error(refusal)} /> : <ErrorAlert error={upload.error ?? remove.error} />}
        {editable ? (
          <Group gap="xs">
            <FileButton onChange={(file) => void choose(file)} accept={LOGO_MEDIA_TYPES.join(',')}>
              {(props) => <Button {...props} variant="default" loading={upload.isPending} data-testid="template-logo-upload">{t('documentTemplates.logoUpload')}</Button>}
            </FileButton>
            {logo ? (
              <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => notifications.show({ color: 'teal', message: t('documentTemplates.logoRemoved') }) })} data-testid="template-logo-remove">
                {t('documentTemplates.logoRemove')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

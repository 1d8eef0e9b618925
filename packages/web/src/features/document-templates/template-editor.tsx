import { useState } from 'react';
import { ActionIcon, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { TEMPLATE_LIMITS, type DocumentTemplateView } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { linesOf, moved } from './section-order';
import { useResetTemplate, useSaveTemplate } from './template-queries';

type Section = DocumentTemplateView['sections'][number];

/** Order, wording and title page of one template; empty fields fall back to the type's defaults. */
export function TemplateEditor({ template, editable, onReload }: { template: DocumentTemplateView; editable: boolean; onReload: () => void }) {
  const { t } = useTranslation();
  const [sections, setSections] = useState<Section[]>(template.sections);
  const [lines, setLines] = useState(template.titlePage.lines.join('\n'));
  const save = useSaveTemplate(template.type, template.locale);
  const reset = useResetTemplate(template.type, template.locale);
  const change = (index: number, patch: Partial<Section>) => setSections((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const text = (value: string) => (value.trim() === '' ? null : value);

  const submit = () =>
    save.mutate(
      {
        version: template.version,
        sections: sections.map((s) => ({ key: s.key, heading: s.heading === null ? null : text(s.heading), guidance: s.guidance === null ? null : text(s.guidance), intro: s.intro })),
        titlePage: { lines: linesOf(lines) },
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('documentTemplates.saved') }) },
    );
  const restore = () => reset.mutate(undefined, { onSuccess: () => notifications.show({ color: 'teal', message: t('documentTemplates.resetDone') }) });

  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Title order={2} fz="h4">{t('documentTemplates.titlePage')}</Title>
        <Textarea
          mt="xs"
          label={t('documentTemplates.titleLines')}
          description={t('documentTemplates.titleLinesHint')}
          autosize
          minRows={3}
          maxRows={12}
          value={lines}
          readOnly={!editable}
          onChange={(e) => setLines(e.currentTarget.value)}
          data-testid="template-title-lines"
        />
      </Card>
      <div>
        <Title order={2} fz="h4">{t('documentTemplates.sections')}</Title>
        <Text c="dimmed" fz="sm">{t('documentTemplates.sectionsHint')}</Text>
      </div>
      {sections.map((s, index) => {
        const heading = s.heading ?? s.defaultHeading;
        return (
          <Card key={s.key} withBorder padding="sm" data-testid={`template-section-${s.key}`}>
            <Group justify="space-between" align="center" wrap="nowrap">
              <Text fw={600}>{`${index + 1}. ${heading}`}</Text>
              {editable ? (
                <Group gap={4} wrap="nowrap">
                  <ActionIcon variant="default" aria-label={t('documentTemplates.moveUp', { heading })} disabled={index === 0} onClick={() => setSections((all) => moved(all, index, -1))} data-testid={`template-up-${s.key}`}>
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon variant="default" aria-label={t('documentTemplates.moveDown', { heading })} disabled={index === sections.length - 1} onClick={() => setSections((all) => moved(all, index, 1))} data-testid={`template-down-${s.key}`}>
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ) : null}
            </Group>
            <Stack gap="xs" mt="xs">
              <TextInput
                label={t('documentTemplates.heading')}
                placeholder={s.defaultHeading}
                maxLength={TEMPLATE_LIMITS.heading}
                value={s.heading ?? ''}
                readOnly={!editable}
                onChange={(e) => change(index, { heading: e.currentTarget.value })}
                data-testid={`template-heading-${s.key}`}
              />
              <Textarea
                label={t('documentTemplates.guidance')}
                placeholder={s.defaultGuidance}
                autosize
                minRows={2}
                maxLength={TEMPLATE_LIMITS.guidance}
                value={s.guidance ?? ''}
                readOnly={!editable}
                onChange={(e) => change(index, { guidance: e.currentTarget.value })}
              />
              <Textarea
                label={t('documentTemplates.introField')}
                description={t('documentTemplates.introHint')}
                autosize
                minRows={1}
                maxLength={TEMPLATE_LIMITS.intro}
                value={s.intro}
                readOnly={!editable}
                onChange={(e) => change(index, { intro: e.currentTarget.value })}
              />
            </Stack>
          </Card>
        );
      })}
      <ErrorAlert error={save.error ?? reset.error} onReload={onReload} />
      {editable ? (
        <Group gap="xs">
          <Button onClick={submit} loading={save.isPending} data-testid="template-save">{t('documentTemplates.save')}</Button>
          <Button variant="default" onClick={restore} loading={reset.isPending} disabled={!template.custom} data-testid="template-reset">{t('documentTemplates.reset')}</Button>
        </Group>
      ) : null}
    </Stack>
  );
}

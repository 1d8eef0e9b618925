import type { ReactNode } from 'react';
import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FriaElement } from '@konform/core';

interface Props {
  element: FriaElement;
  /** The records this element rests on changed since the version was saved. */
  outdated: boolean;
  /** A suggestion exists and the reader may apply it. */
  suggestion?: { applied: boolean; canUndo: boolean; onApply: () => void; onUndo: () => void } | undefined;
  children: ReactNode;
}

/** One element (a)–(f) of Art. 27(1): heading, what it asks, the fields, and the suggestion from the records. */
export function FriaElementSection({ element, outdated, suggestion, children }: Props) {
  const { t } = useTranslation();
  const titleId = `fria-element-${element}-title`;
  const title = t(`fria.elements.${element}.title`);
  return (
    <section id={`fria-element-${element}`} aria-labelledby={titleId} data-testid={`fria-element-${element}`} style={{ scrollMarginTop: 80 }}>
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={3} fz="md" id={titleId}>
            {title}
          </Title>
          {outdated ? (
            <Badge variant="light" color="orange" c="dark.9" miw="max-content" data-testid={`fria-outdated-${element}`}>
              {t('fria.outdated.badge')}
            </Badge>
          ) : null}
        </Group>
        <Text fz="sm" c="dimmed">
          {t(`fria.elements.${element}.explain`)}
        </Text>
        {suggestion !== undefined ? (
          <Group gap="sm" align="center">
            <Button
              variant="light"
              size="xs"
              leftSection={<IconFileImport size={14} aria-hidden />}
              onClick={suggestion.onApply}
              disabled={suggestion.applied}
              aria-label={t('fria.suggest.applyNamed', { element: title })}
              aria-describedby={`fria-suggest-${element}-hint`}
              data-testid={`fria-suggest-${element}`}
            >
              {t('fria.suggest.apply')}
            </Button>
            {suggestion.canUndo ? (
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconArrowBackUp size={14} aria-hidden />}
                onClick={suggestion.onUndo}
                aria-label={t('fria.suggest.undoNamed', { element: title })}
                data-testid={`fria-suggest-undo-${element}`}
              >
                {t('fria.suggest.undo')}
              </Button>
            ) : null}
            <Text fz="xs" c="dimmed" id={`fria-suggest-${element}-hint`}>
              {suggestion.canUndo ? t('fria.suggest.applied') : suggestion.applied ? t('fria.suggest.same') : element === 'd' ? t('fria.suggest.hintRisks') : t('fria.suggest.hint')}
            </Text>
          </Group>
        ) : null}
        {children}
      </Stack>
    </section>
  );
}

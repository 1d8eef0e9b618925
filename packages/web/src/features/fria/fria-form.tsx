import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Divider, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FRIA_ELEMENTS, type AiSystem, type FriaContent, type FriaElement, type FriaState } from '@konform/core';
import { fieldErrorsOf, isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { DpiaEvidenceSelect } from './dpia-evidence-select';
import { FriaElementSection } from './fria-element-section';
import { ELEMENT_FIELDS, holds, initialContent, nextNumber, sameContent, savePayload, suggestionFor } from './fria-model';
import { useSaveFria } from './fria-queries';
import { FriaRiskSelect } from './fria-risk-select';

type TextField = Exclude<keyof FriaContent, 'riskIds' | 'dpiaEvidenceId'>;

const ELEMENT_OF = Object.fromEntries(FRIA_ELEMENTS.flatMap((e) => ELEMENT_FIELDS[e].map((field) => [field, e]))) as Record<keyof FriaContent, FriaElement | undefined>;

/** Moves focus after React has rendered the change (a disabled or removed button would drop it). */
function focusLater(selector: string) {
  window.requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
}

interface Props {
  system: AiSystem;
  state: FriaState;
  /** False: the content is shown read-only. */
  editable: boolean;
  onDirtyChange: (dirty: boolean) => void;
  onReload: () => void;
}

/**
 * The guided form: the six elements (a)–(f) of Art. 27(1) with suggestions from the records, the risks of the
 * register for (d), the DPIA evidence, and "save draft". Mounted afresh for each stored version (see the key in
 * the tab), so it always starts from the stored content.
 */
export function FriaForm({ system, state, editable, onDirtyChange, onReload }: Props) {
  const { t } = useTranslation();
  const { current } = state;
  const baseline = useMemo(() => initialContent(current), [current]);
  const [values, setValues] = useState<FriaContent>(baseline);
  const [reason, setReason] = useState('');
  const [undo, setUndo] = useState<Partial<Record<FriaElement, Partial<FriaContent>>>>({});
  const save = useSaveFria(system.id);
  const dirty = !sameContent(values, baseline);
  const readOnly = !editable;
  useFocusFirstError(save.error);

  useEffect(() => {
    onDirtyChange(dirty);
  }, [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  const fields = fieldErrorsOf(save.error);
  const errorOf = (key: keyof FriaContent): string | undefined => {
    const hit = Object.keys(fields).some((path) => path === `content.${key}` || path.startsWith(`content.${key}.`));
    if (!hit) return undefined;
    return key === 'riskIds' ? t('fria.errors.riskIds') : key === 'dpiaEvidenceId' ? t('fria.errors.dpia') : t('errors.invalid');
  };
  const notRequired = isApiError(save.error) && save.error.code === 'fria-not-required';
  const fieldFailure = Object.keys(fields).some((path) => path.startsWith('content.'));

  const set = <K extends keyof FriaContent>(key: K, value: FriaContent[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    const element = ELEMENT_OF[key];
    if (element !== undefined && undo[element] !== undefined) setUndo(({ [element]: _, ...rest }) => rest);
  };

  const suggestionProps = (element: FriaElement) => {
    const patch = suggestionFor(element, state.suggestions);
    if (patch === null || readOnly) return undefined;
    const keys = Object.keys(patch) as (keyof FriaContent)[];
    return {
      applied: holds(values, patch),
      canUndo: undo[element] !== undefined,
      onApply: () => {
        setUndo((u) => ({ ...u, [element]: Object.fromEntries(keys.map((k) => [k, values[k]])) as Partial<FriaContent> }));
        setValues((v) => ({ ...v, ...patch }));
        focusLater(`#fria-field-${keys[0]}`);
      },
      onUndo: () => {
        const previous = undo[element];
        if (previous !== undefined) setValues((v) => ({ ...v, ...previous }));
        setUndo(({ [element]: _, ...rest }) => rest);
        focusLater(`[data-testid="fria-suggest-${element}"]`);
      },
    };
  };

  const text = (key: TextField, options: { max?: number; hint?: string; rows?: number } = {}) => (
    <Textarea
      id={`fria-field-${key}`}
      label={t(`fria.fields.${key}`)}
      description={options.hint}
      autosize
      minRows={options.rows ?? 3}
      maxRows={18}
      maxLength={options.max ?? 20_000}
      readOnly={readOnly}
      value={values[key]}
      error={errorOf(key)}
      onChange={(e) => set(key, e.currentTarget.value)}
      data-testid={`fria-field-${key}`}
    />
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(savePayload(current, values, reason), {
      onSuccess: (next) => {
        notifications.show({ color: 'teal', message: t('fria.form.saved', { number: next.current?.number ?? nextNumber(current) }) });
      },
    });
  };

  const canSave = dirty || (current !== null && state.outdated.length > 0);
  const approvedCurrent = current?.state === 'approved';

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="fria-form-title">
      <form onSubmit={submit} noValidate data-testid="fria-form" aria-labelledby="fria-form-title">
        <Stack gap="lg">
          <div>
            <Title order={2} id="fria-form-title" mb={4}>
              {t('fria.form.title')}
            </Title>
            <Text fz="sm">{readOnly ? t('fria.form.readOnly') : t('fria.form.intro')}</Text>
          </div>
          {!readOnly && (current === null || approvedCurrent) ? (
            <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} data-testid="fria-new-draft-note">
              <Text fz="sm">
                {current === null ? t('fria.form.firstDraft') : t('fria.form.newDraft', { number: current.number, next: nextNumber(current) })}
              </Text>
            </Alert>
          ) : null}

          <FriaElementSection element="a" outdated={state.outdated.includes('a')} suggestion={suggestionProps('a')}>
            {text('processes', { rows: 4 })}
          </FriaElementSection>
          <Divider />
          <FriaElementSection element="b" outdated={state.outdated.includes('b')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {text('period', { max: 2000, hint: t('fria.hints.period'), rows: 2 })}
              {text('frequency', { max: 2000, hint: t('fria.hints.frequency'), rows: 2 })}
            </SimpleGrid>
          </FriaElementSection>
          <Divider />
          <FriaElementSection element="c" outdated={state.outdated.includes('c')} suggestion={suggestionProps('c')}>
            {text('affectedCategories')}
          </FriaElementSection>
          <Divider />
          <FriaElementSection element="d" outdated={state.outdated.includes('d')} suggestion={suggestionProps('d')}>
            {text('risksOfHarm', { rows: 4 })}
            <FriaRiskSelect systemId={system.id} value={values.riskIds} onChange={(v) => set('riskIds', v)} error={errorOf('riskIds')} readOnly={readOnly} />
          </FriaElementSection>
          <Divider />
          <FriaElementSection element="e" outdated={state.outdated.includes('e')} suggestion={suggestionProps('e')}>
            {text('humanOversight', { rows: 4 })}
          </FriaElementSection>
          <Divider />
          <FriaElementSection element="f" outdated={state.outdated.includes('f')}>
            {text('materialisationMeasures')}
            {text('complaintMechanism', { hint: t('fria.hints.complaintMechanism'), rows: 2 })}
            {text('internalGovernance', { hint: t('fria.hints.internalGovernance'), rows: 2 })}
          </FriaElementSection>
          <Divider />
          <section aria-labelledby="fria-dpia-title" data-testid="fria-dpia">
            <Stack gap="sm">
              <Title order={3} fz="md" id="fria-dpia-title">
                {t('fria.dpia.title')}
              </Title>
              <Text fz="sm" c="dimmed">
                {t('fria.dpia.explain')}
              </Text>
              <DpiaEvidenceSelect systemId={system.id} value={values.dpiaEvidenceId} onChange={(v) => set('dpiaEvidenceId', v)} error={errorOf('dpiaEvidenceId')} readOnly={readOnly} />
            </Stack>
          </section>

          {readOnly ? null : (
            <>
              <Divider />
              <TextInput label={t('fria.form.reason')} description={t('fria.form.reasonHint')} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
              {notRequired ? (
                <Alert color="red" variant="light" role="alert" title={t('fria.form.refusedTitle')}>
                  <Text fz="sm">{t('fria.errors.notRequired')}</Text>
                </Alert>
              ) : fieldFailure ? null : (
                <ErrorAlert
                  error={save.error}
                  onReload={() => {
                    save.reset();
                    onReload();
                  }}
                />
              )}
              <Group justify="flex-end" gap="sm">
                {dirty ? (
                  <Badge variant="dot" color="orange" c="gray.9" data-testid="fria-unsaved">
                    {t('fria.form.unsaved')}
                  </Badge>
                ) : null}
                <Button type="submit" loading={save.isPending} disabled={!canSave} leftSection={<IconDeviceFloppy size={16} aria-hidden />} data-testid="fria-save">
                  {current === null || current.state === 'draft' ? t('fria.form.save') : t('fria.form.saveNew')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

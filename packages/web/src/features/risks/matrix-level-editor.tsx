import { Button, Checkbox, ColorInput, Group, NumberInput, Paper, SimpleGrid, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ROLES, type RiskLevel, type Role } from '@konform/core';
import { localized } from '../catalogs/localized';
import { LevelBadge } from './level-badge';
import { contrastRatio, DARK_TEXT, textColorOn } from './risk-display';

interface Props {
  index: number;
  level: RiskLevel;
  /** A level already in force keeps its id (risks refer to it); a new one may still be named. */
  idEditable: boolean;
  removable: boolean;
  onChange: (level: RiskLevel) => void;
  onRemove: () => void;
  errors: Map<string, string>;
}

const HEX = /^#[0-9a-f]{6}$/i;

/** One level: id, labels, colour (with the text contrast it yields), rank, and its acceptance rule. */
export function MatrixLevelEditor({ index, level, idEditable, removable, onChange, onRemove, errors }: Props) {
  const { t, i18n } = useTranslation();
  const path = `levels.${index}`;
  const err = (field: string) => errors.get(`${path}.${field}`);
  const label = localized(level.label, i18n.language);
  const titleId = `matrix-level-${index}-title`;
  const setAcceptance = (changes: Partial<RiskLevel['acceptance']>) => onChange({ ...level, acceptance: { ...level.acceptance, ...changes } });
  const contrast = HEX.test(level.color) ? contrastRatio(level.color, textColorOn(level.color)) : null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid={`matrix-level-${index}`}>
      <Group justify="space-between" mb="xs">
        <Group gap="sm">
          <Title order={4} fz="sm" id={titleId}>
            {t('riskMatrix.levelTitle', { index: index + 1, label })}
          </Title>
          {HEX.test(level.color) ? <LevelBadge level={level} /> : null}
        </Group>
        {removable ? (
          <Button size="compact-sm" variant="subtle" color="red" c="red.9" leftSection={<IconTrash size={14} aria-hidden />} onClick={onRemove} aria-label={t('riskMatrix.removeLevel', { label })}>
            {t('riskMatrix.remove')}
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput
          label={t('riskMatrix.levelId')}
          description={idEditable ? t('riskMatrix.levelIdHint') : t('riskMatrix.levelIdFixed')}
          value={level.id}
          readOnly={!idEditable}
          maxLength={40}
          error={err('id')}
          aria-invalid={err('id') !== undefined}
          onChange={(e) => onChange({ ...level, id: e.currentTarget.value })}
        />
        <TextInput label={t('riskMatrix.labelDe')} value={level.label.de} maxLength={200} error={err('label.de')} aria-invalid={err('label.de') !== undefined} onChange={(e) => onChange({ ...level, label: { ...level.label, de: e.currentTarget.value } })} />
        <TextInput label={t('riskMatrix.labelEn')} value={level.label.en} maxLength={200} error={err('label.en')} aria-invalid={err('label.en') !== undefined} onChange={(e) => onChange({ ...level, label: { ...level.label, en: e.currentTarget.value } })} />
        <ColorInput
          label={t('riskMatrix.color')}
          description={contrast === null ? undefined : t('riskMatrix.contrast', { ratio: contrast.toFixed(1), text: textColorOn(level.color) === DARK_TEXT ? t('riskMatrix.textDark') : t('riskMatrix.textLight') })}
          format="hex"
          value={level.color}
          error={err('color')}
          aria-invalid={err('color') !== undefined}
          eyeDropperButtonProps={{ 'aria-label': t('riskMatrix.eyeDropper') }}
          onChange={(color) => onChange({ ...level, color })}
        />
        <NumberInput
          label={t('riskMatrix.rank')}
          description={t('riskMatrix.rankHint')}
          min={1}
          max={10}
          allowDecimal={false}
          value={level.rank}
          error={err('rank')}
          aria-invalid={err('rank') !== undefined}
          onChange={(value) => typeof value === 'number' && onChange({ ...level, rank: value })}
        />
        <NumberInput
          label={t('riskMatrix.signatures')}
          description={t('riskMatrix.signaturesHint')}
          min={1}
          max={5}
          allowDecimal={false}
          value={level.acceptance.signatures}
          error={err('acceptance.signatures')}
          aria-invalid={err('acceptance.signatures') !== undefined}
          onChange={(value) => typeof value === 'number' && setAcceptance({ signatures: value })}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" mt="sm">
        <Checkbox.Group label={t('riskMatrix.roles')} value={level.acceptance.roles} onChange={(v) => setAcceptance({ roles: v as Role[] })} error={err('acceptance.roles')}>
          <Group gap="md" mt={6}>
            {ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t(`roles.${role}`)} size="sm" />
            ))}
          </Group>
        </Checkbox.Group>
        <Checkbox.Group label={t('riskMatrix.deputies')} value={level.acceptance.deputies} onChange={(v) => setAcceptance({ deputies: v as Role[] })} error={err('acceptance.deputies')}>
          <Group gap="md" mt={6}>
            {ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t(`roles.${role}`)} size="sm" />
            ))}
          </Group>
        </Checkbox.Group>
      </SimpleGrid>
    </Paper>
  );
}

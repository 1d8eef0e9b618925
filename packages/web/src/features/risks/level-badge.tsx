import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localized } from '../catalogs/localized';
import { textColorOn } from './risk-display';

interface LevelRef {
  id: string;
  label: { de: string; en: string };
  color: string;
}

interface Props {
  level: LevelRef | null;
  /** Rated but outside the matrix's scales (e.g. after a scale was shortened): needs re-rating. */
  rated?: boolean;
  size?: 'xs' | 'sm' | 'md';
}

/** A risk level in its matrix colour, always with its label (colour is never the only cue). */
export function LevelBadge({ level, rated = false, size = 'sm' }: Props) {
  const { t, i18n } = useTranslation();
  if (level === null) {
    return (
      <Badge variant="outline" color="gray.7" c="gray.8" size={size} miw="max-content">
        {rated ? t('risks.level.rerate') : t('risks.level.unrated')}
      </Badge>
    );
  }
  return (
    <Badge
      variant="filled"
      size={size}
      miw="max-content"
      data-level={level.id}
      style={{ backgroundColor: level.color, color: textColorOn(level.color), border: '1px solid rgba(0, 0, 0, 0.35)' }}
    >
      {localized(level.label, i18n.language)}
    </Badge>
  );
}

import type { TFunction } from 'i18next';
import type { TrainingTopic } from '@konform/core';

/** The topics of a course in the UI language, joined; "–" for none. */
export function topicNames(topics: readonly TrainingTopic[], t: TFunction): string {
  return topics.length === 0 ? t('common.none') : topics.map((topic) => t(`literacy.topics.${topic}`)).join(', ');
}

import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { LabGateSubject } from '@konform/core';

/** What a gate releases: an AI system, or a model version (model name, version label). */
export function GateSubject({ subject }: { subject: LabGateSubject }) {
  const { t } = useTranslation();
  if (subject.type === 'system') {
    return (
      <Anchor component={Link} to={`/systems/${subject.systemId}`} fz="sm">
        {subject.systemName}
      </Anchor>
    );
  }
  return (
    <>
      <Anchor component={Link} to={`/models/${subject.modelId}`} fz="sm">
        {subject.modelName} {subject.modelVersionLabel}
      </Anchor>{' '}
      <Text span fz="xs" c="dimmed">
        ({t('labGates.subject.modelVersion')})
      </Text>
    </>
  );
}

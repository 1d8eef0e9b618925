import type { ReactNode } from 'react';
import { Group, Text, type MantineSpacing } from '@mantine/core';

interface Props {
  /** The section's heading element. */
  heading: ReactNode;
  intro?: string;
  /** Links and buttons beside the heading. */
  actions?: ReactNode;
  mb?: MantineSpacing;
}

/** A section's heading with its introduction below it and its actions beside them. */
export function SectionHeader({ heading, intro, actions, mb }: Props) {
  return (
    <Group justify="space-between" align="flex-start" mb={mb}>
      <div>
        {heading}
        {intro === undefined ? null : (
          <Text fz="sm" c="dimmed">
            {intro}
          </Text>
        )}
      </div>
      {actions === undefined ? null : <Group gap="md">{actions}</Group>}
    </Group>
  );
}

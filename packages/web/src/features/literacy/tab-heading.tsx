import { Button, Group, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';

interface Props {
  title: string;
  intro: string;
  /** The button that adds an entry; left out for those who may not. */
  add?: { label: string; testId: string; onClick: () => void; disabled?: boolean };
}

/** A literacy tab's heading and introduction, with its add button beside them. */
export function TabHeading({ title, intro, add }: Props) {
  return (
    <Group justify="space-between" align="flex-end">
      <div>
        <Title order={2} fz="h3">
          {title}
        </Title>
        <Text fz="sm" c="dimmed">
          {intro}
        </Text>
      </div>
      {add === undefined ? null : (
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={add.onClick} disabled={add.disabled} data-testid={add.testId}>
          {add.label}
        </Button>
      )}
    </Group>
  );
}

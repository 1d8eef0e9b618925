import type { ReactNode } from 'react';
import { Alert, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';

/** The outcome of an accepted update, announced politely and kept on the page. */
export function AcceptResultAlert({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} title={title} role="status" data-testid="accept-result">
      <Text fz="sm" component="div">
        {children}
      </Text>
    </Alert>
  );
}

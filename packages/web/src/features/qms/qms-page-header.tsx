import { useState, type ReactNode } from 'react';
import { Button, Group, Text, Title } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { DocumentFormDrawer } from './document-form-drawer';

interface Props {
  title: string;
  intro: string;
  /** The button to the other view of the documents (overview ↔ list). */
  switchView: ReactNode;
}

/** A QMS page's heading and introduction with the switch to the other view and, for editors, a new document. */
export function QmsPageHeader({ title, intro, switchView }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{title}</Title>
          <Text c="dimmed" fz="sm" maw={880}>
            {intro}
          </Text>
        </div>
        <Group gap="sm">
          {switchView}
          {can('qms.edit') ? (
            <Button leftSection={<IconFilePlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="qms-new-document">
              {t('qms.overview.newDocument')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {creating ? <DocumentFormDrawer onClose={() => setCreating(false)} onCreated={(created) => void navigate(`/qms/documents/${created.id}`)} /> : null}
    </>
  );
}

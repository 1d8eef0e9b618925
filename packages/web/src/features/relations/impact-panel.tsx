import { useState } from 'react';
import { Anchor, Badge, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { groupByKind, type RelationNode, type TestItemType } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { useVersionImpact } from './relation-queries';
import { nodeText, statusText } from './node-text';

/** "What is affected?" for one model or dataset version: the dependants by kind, each with the path that explains it. */
export function ImpactPanel({ type, versionId }: { type: TestItemType; versionId: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const query = useVersionImpact(type, versionId, open);
  const headingId = `impact-${versionId}`;
  const result = query.data;
  const byId = new Map((result?.nodes ?? []).map((n) => [n.id, n]));
  const name = (n: RelationNode | undefined) => (n ? nodeText(t, i18n.language, n) : '');
  return (
    <section aria-labelledby={headingId} data-testid="impact-panel">
      <Title order={4} fz="sm" mb="xs" id={headingId}>{t('relations.impact.heading')}</Title>
      <Text c="dimmed" fz="sm" mb="xs">{t('relations.impact.intro')}</Text>
      {!open ? <Button size="xs" variant="light" onClick={() => setOpen(true)}>{t('relations.impact.show')}</Button> : null}
      {open && query.isPending ? <Text fz="sm">…</Text> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {result ? (
        <Stack gap="xs" aria-live="polite">
          {result.hits.length === 0 ? <Text fz="sm">{t('relations.impact.none')}</Text> : <Text fz="sm" fw={600}>{t('relations.impact.count', { count: result.hits.length })}</Text>}
          {groupByKind(result.hits).map((g) => (
            <div key={g.kind}>
              <Text fz="sm" fw={600}>{t(`relations.kindsPlural.${g.kind}`)}</Text>
              <List size="sm" spacing={2}>
                {g.items.map((h) => {
                  const status = statusText(t, h.node.status);
                  return (
                    <List.Item key={h.node.id} data-hit={h.node.id}>
                      <Group gap="xs" wrap="wrap">
                        {h.node.href ? <Anchor component={Link} to={h.node.href} fz="sm">{name(h.node)}</Anchor> : <span>{name(h.node)}</span>}
                        {status ? <Badge variant="light" color="gray" c="dark.7" tt="none">{status}</Badge> : null}
                        {h.releaseRests ? <Badge variant="light" color="orange" c="dark.9" tt="none">{t('relations.impact.releaseRests')}</Badge> : null}
                      </Group>
                      <Text fz="xs" c="dimmed">
                        {t('relations.impact.path')}: {h.path.map((id, i) => (i === 0 ? name(byId.get(id)) : `${name(byId.get(id))} (${t(`relations.relation.${h.relations[i - 1]!}`)})`)).join(' ← ')}
                      </Text>
                    </List.Item>
                  );
                })}
              </List>
            </div>
          ))}
          {result.hidden > 0 ? <Text fz="sm" c="dimmed">{t('relations.impact.hidden', { count: result.hidden })}</Text> : null}
        </Stack>
      ) : null}
    </section>
  );
}

import { Alert, Anchor, Badge, Group, List, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { columnsOf, type AiSystem, type RelationNode, type SystemGraph } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { useSystemGraph } from './relation-queries';
import { nodeText, statusText } from './node-text';

const COL_W = 210;
const COL_GAP = 70;
const NODE_H = 40;
const ROW_GAP = 12;
const HEAD_H = 28;

/** The system's relations: a layered drawing (columns by kind) and the same relations as a nested list. */
export function SystemRelationsTab({ system }: { system: AiSystem }) {
  const { t } = useTranslation();
  const query = useSystemGraph(system.id);
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const graph = query.data;
  const omittedAreas = graph.omitted.areas.map((a) => t(`relations.areas.${a}`)).join(', ');
  return (
    <Stack gap="md" data-testid="relations-tab">
      <div>
        <Title order={2} fz="h3">{t('relations.heading')}</Title>
        <Text c="dimmed" fz="sm">{t('relations.intro')}</Text>
      </div>
      {graph.omitted.openRequirements > 0 ? <Text fz="sm" data-testid="relations-omitted">{t('relations.omittedRequirements', { count: graph.omitted.openRequirements })}</Text> : null}
      {omittedAreas ? <Alert color="gray" variant="light">{t('relations.omittedAreas', { areas: omittedAreas })}</Alert> : null}
      {graph.nodes.length <= 1 ? <Text>{t('relations.empty')}</Text> : <GraphDrawing graph={graph} />}
      <RelationList graph={graph} />
      <Text c="dimmed" fz="xs">{t('relations.documentsLater')}</Text>
    </Stack>
  );
}

/**
 * The drawing: one column per kind, nodes as links, edges as lines. Hidden from assistive technology and out of the
 * tab order: the list below carries the same relations for screen readers and keyboards.
 */
function GraphDrawing({ graph }: { graph: SystemGraph }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const columns = columnsOf(graph);
  const pos = new Map<string, { x: number; y: number }>();
  columns.forEach((col, ci) => col.nodes.forEach((n, ri) => pos.set(n.id, { x: ci * (COL_W + COL_GAP), y: HEAD_H + ri * (NODE_H + ROW_GAP) })));
  const width = columns.length * (COL_W + COL_GAP) - COL_GAP + 2;
  // Room below the last row for the arcs of edges that skip columns.
  const height = HEAD_H + Math.max(...columns.map((c) => c.nodes.length)) * (NODE_H + ROW_GAP) + 8 * (columns.length + 2);
  const clip = (s: string) => (s.length > 28 ? `${s.slice(0, 27)}…` : s);
  return (
    <Paper withBorder p="sm">
      <ScrollArea type="auto">
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" data-testid="relations-drawing" style={{ display: 'block', fontFamily: 'inherit' }}>
          {columns.map((col, ci) => (
            <text key={col.kind} x={ci * (COL_W + COL_GAP) + 4} y={16} fontSize={12} fontWeight={600} fill="#343a40">{t(`relations.kindsPlural.${col.kind}`)}</text>
          ))}
          <defs>
            <marker id="relations-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#868e96" />
            </marker>
          </defs>
          {graph.edges.map((e) => {
            const a = pos.get(e.from);
            const b = pos.get(e.to);
            if (!a || !b) return null;
            return <path key={`${e.from}-${e.to}-${e.relation}`} d={edgePath(a, b)} fill="none" stroke="#868e96" strokeWidth={1.2} markerEnd="url(#relations-arrow)"><title>{t(`relations.relation.${e.relation}`)}</title></path>;
          })}
          {graph.nodes.map((n) => {
            const p = pos.get(n.id)!;
            const text = nodeText(t, i18n.language, n);
            const status = statusText(t, n.status);
            const box = (
              <g>
                <rect x={p.x + 1} y={p.y} width={COL_W - 2} height={NODE_H} rx={6} fill={n.kind === 'system' ? '#e7f5ff' : '#ffffff'} stroke={n.kind === 'system' ? '#1864ab' : '#495057'} />
                <text x={p.x + 10} y={p.y + 17} fontSize={12} fill="#212529">{clip(n.label)}</text>
                {status ? <text x={p.x + 10} y={p.y + 32} fontSize={11} fill="#495057">{clip(status)}</text> : null}
                <title>{status ? `${text} (${status})` : text}</title>
              </g>
            );
            return n.href ? (
              <a key={n.id} href={n.href} tabIndex={-1} data-node={n.id} onClick={(ev) => { ev.preventDefault(); void navigate(n.href!); }} style={{ cursor: 'pointer' }}>{box}</a>
            ) : <g key={n.id}>{box}</g>;
          })}
        </svg>
      </ScrollArea>
    </Paper>
  );
}

/**
 * An edge from the record that depends to the one it rests on. Neighbouring columns: a curve between the facing sides.
 * Same column: a loop on the right. Columns further apart: an arc from bottom to bottom, deeper the further it goes,
 * so it does not run through the boxes between.
 */
function edgePath(a: { x: number; y: number }, b: { x: number; y: number }): string {
  const span = Math.round(Math.abs(b.x - a.x) / (COL_W + COL_GAP));
  if (span === 0) {
    const x = a.x + COL_W;
    return `M${x},${a.y + NODE_H / 2} C${x + 40},${a.y + NODE_H / 2} ${x + 40},${b.y + NODE_H / 2} ${x},${b.y + NODE_H / 2}`;
  }
  if (span === 1) {
    const forward = a.x < b.x;
    const x1 = forward ? a.x + COL_W : a.x;
    const x2 = forward ? b.x : b.x + COL_W;
    const bend = (x2 - x1) / 2;
    return `M${x1},${a.y + NODE_H / 2} C${x1 + bend},${a.y + NODE_H / 2} ${x2 - bend},${b.y + NODE_H / 2} ${x2},${b.y + NODE_H / 2}`;
  }
  const x1 = a.x + COL_W / 2 + (a.x < b.x ? 20 : -20);
  const x2 = b.x + COL_W / 2 + (a.x < b.x ? -20 : 20);
  const y1 = a.y + NODE_H;
  const y2 = b.y + NODE_H;
  const low = Math.max(y1, y2) + 6 + 8 * span;
  return `M${x1},${y1} C${x1},${low} ${x2},${low} ${x2},${y2}`;
}

/** The accessible equivalent: kinds as headings, each record a link with its status and what it rests on. */
function RelationList({ graph }: { graph: SystemGraph }) {
  const { t, i18n } = useTranslation();
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const link = (n: RelationNode) => (n.href ? <Anchor component={Link} to={n.href}>{nodeText(t, i18n.language, n)}</Anchor> : <span>{nodeText(t, i18n.language, n)}</span>);
  return (
    <section aria-labelledby="relations-list-heading" data-testid="relations-list">
      <Title order={3} fz="h4" id="relations-list-heading">{t('relations.listHeading')}</Title>
      <Text c="dimmed" fz="sm" mb="xs">{t('relations.listIntro')}</Text>
      {columnsOf(graph).map((col) => (
        <div key={col.kind}>
          <Title order={4} fz="sm" mt="sm">{t(`relations.kindsPlural.${col.kind}`)}</Title>
          <List spacing={4} size="sm">
            {col.nodes.map((n) => {
              const out = graph.edges.filter((e) => e.from === n.id);
              const status = statusText(t, n.status);
              return (
                <List.Item key={n.id} data-node={n.id}>
                  <Group gap="xs" wrap="wrap">{link(n)}{status ? <Badge variant="light" color="gray" c="dark.7" tt="none">{status}</Badge> : null}</Group>
                  {out.length > 0 ? (
                    <List withPadding size="sm" listStyleType="circle">
                      {out.map((e) => (
                        <List.Item key={`${e.to}-${e.relation}`}>
                          {t(`relations.relation.${e.relation}`)}{e.qualifier ? ` (${e.relation === 'documents' ? t(`documents.types.${e.qualifier}`, { defaultValue: e.qualifier }) : t(`models.roles.${e.qualifier}`, { defaultValue: e.qualifier })})` : ''}: {link(byId.get(e.to)!)}
                        </List.Item>
                      ))}
                    </List>
                  ) : null}
                </List.Item>
              );
            })}
          </List>
        </div>
      ))}
    </section>
  );
}

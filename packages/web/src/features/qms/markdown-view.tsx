import { Fragment, useMemo, type ReactNode } from 'react';
import { Anchor, Code, Table, Text, Title } from '@mantine/core';
import { isSafeLinkHref, parseMarkdown, type MdBlock, type MdInline } from '@konform/core';
import './qms.css';

function inline(nodes: readonly MdInline[]): ReactNode {
  return nodes.map((n, i) => {
    switch (n.type) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'code':
        return <Code key={i}>{n.text}</Code>;
      case 'strong':
        return <strong key={i}>{inline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(n.children)}</em>;
      case 'break':
        return <br key={i} />;
      case 'link':
        // Only web and mail addresses become links; anything else (javascript:, data:, paths) stays text.
        return isSafeLinkHref(n.href) ? (
          <Anchor key={i} href={n.href} target="_blank" rel="noopener noreferrer nofollow">
            {inline(n.children)}
          </Anchor>
        ) : (
          <Fragment key={i}>{inline(n.children)}</Fragment>
        );
    }
  });
}

function block(b: MdBlock, key: number, headingOffset: number): ReactNode {
  switch (b.type) {
    case 'heading': {
      const order = Math.min(6, b.level + headingOffset) as 1 | 2 | 3 | 4 | 5 | 6;
      return (
        <Title key={key} order={order} fz={order <= 3 ? 'lg' : 'md'} mt="sm" mb={4}>
          {inline(b.children)}
        </Title>
      );
    }
    case 'paragraph':
      return (
        <Text key={key} fz="sm" mb="xs">
          {inline(b.children)}
        </Text>
      );
    case 'list': {
      const items = b.items.map((item, i) => <li key={i}>{item.map((child, j) => block(child, j, headingOffset))}</li>);
      return b.ordered ? (
        <ol key={key} start={b.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'quote':
      return <blockquote key={key}>{b.children.map((child, j) => block(child, j, headingOffset))}</blockquote>;
    case 'code':
      return (
        <Code key={key} block mb="xs">
          {b.text}
        </Code>
      );
    case 'table':
      return (
        <Table key={key} withTableBorder withColumnBorders mb="xs">
          <Table.Thead>
            <Table.Tr>
              {b.header.map((cell, i) => (
                <Table.Th key={i} scope="col">
                  {inline(cell)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {b.rows.map((row, r) => (
              <Table.Tr key={r}>
                {row.map((cell, i) => (
                  <Table.Td key={i}>{inline(cell)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    case 'rule':
      return <hr key={key} />;
  }
}

/**
 * Markdown shown as React elements, never as HTML: raw HTML in the text stays visible text, and only web and mail
 * addresses become links. `headingOffset` moves the text's headings below the page's own (# → h3 under an h2).
 */
export function MarkdownView({ source, headingOffset = 2, empty }: { source: string; headingOffset?: number; empty: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  if (blocks.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return <div className="qms-markdown">{blocks.map((b, i) => block(b, i, headingOffset))}</div>;
}

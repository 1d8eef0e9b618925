import { describe, expect, it } from 'vitest';
import { isSafeLinkHref, markdownInlineText, parseMarkdown, parseMarkdownInline } from './markdown.js';

describe('Markdown reader', () => {
  it('reads headings, paragraphs and emphasis', () => {
    expect(parseMarkdown('# KI-Politik\n\nDie **Leitung** verpflichtet sich\nzu *verantwortungsvoller* KI.\n\n### Geltung ##')).toEqual([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'KI-Politik' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Die ' },
          { type: 'strong', children: [{ type: 'text', text: 'Leitung' }] },
          { type: 'text', text: ' verpflichtet sich zu ' },
          { type: 'em', children: [{ type: 'text', text: 'verantwortungsvoller' }] },
          { type: 'text', text: ' KI.' },
        ],
      },
      { type: 'heading', level: 3, children: [{ type: 'text', text: 'Geltung' }] },
    ]);
  });

  it('keeps raw HTML, snake_case and unmatched markers as literal text', () => {
    const [p] = parseMarkdown('<script>alert(1)</script> <b>fett</b> model_version_2 und 2 * 3 und **offen');
    expect(p).toEqual({ type: 'paragraph', children: [{ type: 'text', text: '<script>alert(1)</script> <b>fett</b> model_version_2 und 2 * 3 und **offen' }] });
    expect(markdownInlineText(parseMarkdownInline('\\*kein Stern\\* und `<i>code</i>`'))).toBe('*kein Stern* und <i>code</i>');
  });

  it('reads links, and offers only web and mail addresses to follow', () => {
    const nodes = parseMarkdownInline('Siehe [Leitlinie](https://intranet.example/ki) oder <mailto:ki@amt.example> und [x](javascript:alert(1))');
    expect(nodes[1]).toEqual({ type: 'link', href: 'https://intranet.example/ki', children: [{ type: 'text', text: 'Leitlinie' }] });
    expect(nodes[3]).toEqual({ type: 'link', href: 'mailto:ki@amt.example', children: [{ type: 'text', text: 'mailto:ki@amt.example' }] });
    const unsafe = nodes.find((n) => n.type === 'link' && n.href.startsWith('javascript'));
    expect(unsafe).toBeDefined();
    expect(isSafeLinkHref('https://intranet.example/ki')).toBe(true);
    expect(isSafeLinkHref('mailto:ki@amt.example')).toBe(true);
    expect(isSafeLinkHref('javascript:alert(1)')).toBe(false);
    expect(isSafeLinkHref('data:text/html,<b>x</b>')).toBe(false);
    expect(isSafeLinkHref('/admin')).toBe(false);
    expect(markdownInlineText(nodes)).toBe('Siehe Leitlinie (https://intranet.example/ki) oder mailto:ki@amt.example und x (javascript:alert(1))');
  });

  it('reads bullet and numbered lists with nesting and continuation lines', () => {
    const blocks = parseMarkdown('- Ziel eins\n  mit Fortsetzung\n- Ziel zwei\n  1. Teil a\n  2. Teil b\n\n3. drei\n4. vier');
    expect(blocks).toHaveLength(2);
    const [bullets, numbers] = blocks as [Extract<(typeof blocks)[number], { type: 'list' }>, Extract<(typeof blocks)[number], { type: 'list' }>];
    expect(bullets.ordered).toBe(false);
    expect(bullets.items).toHaveLength(2);
    expect(bullets.items[0]).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'Ziel eins mit Fortsetzung' }] }]);
    expect(bullets.items[1]![1]).toMatchObject({ type: 'list', ordered: true, start: 1, items: [[{ type: 'paragraph' }], [{ type: 'paragraph' }]] });
    expect(numbers).toMatchObject({ type: 'list', ordered: true, start: 3 });
    expect(numbers.items).toHaveLength(2);
  });

  it('reads tables, quotes, code blocks, rules and hard breaks', () => {
    const blocks = parseMarkdown('| Ziel | Kennzahl |\n|---|:-:|\n| Schulung | 95 \\| 100 % |\n\n> Zitat\n> weiter\n\n```\n<b>roh</b>\n# kein Titel\n```\n\n---\nZeile eins  \nZeile zwei\\\nZeile drei');
    expect(blocks[0]).toEqual({
      type: 'table',
      header: [[{ type: 'text', text: 'Ziel' }], [{ type: 'text', text: 'Kennzahl' }]],
      rows: [[[{ type: 'text', text: 'Schulung' }], [{ type: 'text', text: '95 | 100 %' }]]],
    });
    expect(blocks[1]).toEqual({ type: 'quote', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Zitat weiter' }] }] });
    expect(blocks[2]).toEqual({ type: 'code', text: '<b>roh</b>\n# kein Titel' });
    expect(blocks[3]).toEqual({ type: 'rule' });
    expect(blocks[4]).toEqual({
      type: 'paragraph',
      children: [{ type: 'text', text: 'Zeile eins' }, { type: 'break' }, { type: 'text', text: 'Zeile zwei' }, { type: 'break' }, { type: 'text', text: 'Zeile drei' }],
    });
  });

  it('stays flat and fast on hostile input', () => {
    const deep = '> '.repeat(500) + 'tief';
    expect(() => parseMarkdown(deep)).not.toThrow();
    const stars = '*'.repeat(5000) + 'x';
    const started = Date.now();
    parseMarkdown(`${stars}\n\n${'[['.repeat(2000)}`);
    for (const unit of ['_a ', '``a', '[a](', '*a ', '**a ', '`', '<http://x']) parseMarkdown(unit.repeat(Math.floor(200_000 / unit.length)));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(parseMarkdown('')).toEqual([]);
  });
});

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

  it('keeps balanced parentheses inside a link address, as CommonMark does', () => {
    const link = (source: string) => parseMarkdownInline(source).find((n) => n.type === 'link');
    expect(parseMarkdownInline('Siehe [Foo](https://de.wikipedia.org/wiki/Foo_(Bar)).')).toEqual([
      { type: 'text', text: 'Siehe ' },
      { type: 'link', href: 'https://de.wikipedia.org/wiki/Foo_(Bar)', children: [{ type: 'text', text: 'Foo' }] },
      { type: 'text', text: '.' },
    ]);
    expect(link('[x](https://a.example/a(b(c))d)')).toMatchObject({ href: 'https://a.example/a(b(c))d' });
    // Escaped parentheses do not count and lose their backslash; so does an escaped `)` that would close.
    expect(link('[x](https://a.example/a\\(b)')).toMatchObject({ href: 'https://a.example/a(b' });
    expect(link('[x](https://a.example/b\\))')).toMatchObject({ href: 'https://a.example/b)' });
    // Angle brackets allow any parentheses; blanks around the address are allowed.
    expect(link('[x](<https://a.example/a(b>)')).toMatchObject({ href: 'https://a.example/a(b' });
    expect(link('[x]( https://a.example/c )')).toMatchObject({ href: 'https://a.example/c' });
    // Two links in one line, each with its own parentheses.
    const two = parseMarkdownInline('[a](https://a.example/(1)) und [b](https://b.example/(2))');
    expect(two.filter((n) => n.type === 'link').map((n) => (n as { href: string }).href)).toEqual(['https://a.example/(1)', 'https://b.example/(2)']);
  });

  it('reads no link from unbalanced parentheses, blanks or nothing, and keeps hostile addresses from being followed', () => {
    const links = (source: string) => parseMarkdownInline(source).filter((n) => n.type === 'link');
    // An unbalanced `(` leaves the whole thing as text (CommonMark: not a link).
    expect(parseMarkdownInline('[x](https://a.example/a(b)')).toEqual([{ type: 'text', text: '[x](https://a.example/a(b)' }]);
    expect(links('[x](https://a.example/a(b c))')).toEqual([]);
    expect(links('[x](https://a.example/a b)')).toEqual([]);
    expect(links('[x]()')).toEqual([]);
    expect(links('[x](<https://a.example/a b>)')).toEqual([]);
    // One `)` too many closes the link early; the rest is text.
    expect(parseMarkdownInline('[x](https://a.example/a))')).toEqual([
      { type: 'link', href: 'https://a.example/a', children: [{ type: 'text', text: 'x' }] },
      { type: 'text', text: ')' },
    ]);
    // Hostile schemes are read as links but never offered to follow, whatever parentheses they carry.
    for (const source of ['[x](javascript:alert(document.cookie))', '[x](JaVaScRiPt:alert((1)))', '[x](data:text/html,(<script>alert(1)</script>))', '[x](<javascript:alert(1)>)', '[x](javascript\\:alert(1))']) {
      const found = links(source);
      expect(found, source).toHaveLength(1);
      expect(isSafeLinkHref((found[0] as { href: string }).href), source).toBe(false);
    }
    // A `)` in the address cannot smuggle a second address or markup: the href is one token, text stays text.
    const [smuggled] = links('[x](https://a.example/(a)"onclick=alert(1))');
    expect(smuggled).toMatchObject({ href: 'https://a.example/(a)"onclick=alert(1)' });
    // Nested brackets: the link text keeps its inner brackets, the address its parentheses.
    expect(parseMarkdownInline('[a [b] c](https://a.example/(d))')).toEqual([
      { type: 'link', href: 'https://a.example/(d)', children: [{ type: 'text', text: 'a [b] c' }] },
    ]);
    expect(links('[[a](https://a.example/(1))](https://b.example/(2))').map((n) => (n as { href: string }).href)).toEqual(['https://b.example/(2)']);
  });

  // No stopwatch here (speed belongs in bench/): a parser quadratic in these inputs would not finish within the test's
  // time-out, which is the failure these two tests are for.
  it('reads text full of link openers and parentheses without backtracking', () => {
    const hostile = '[a](b('.repeat(20_000) + '[x](https://a.example/' + '('.repeat(20_000) + ')'.repeat(20_000) + ')';
    const nodes = parseMarkdownInline(hostile);
    expect(nodes.filter((n) => n.type === 'link')).toHaveLength(1);
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

  it('stays flat on hostile input', () => {
    const deep = '> '.repeat(500) + 'tief';
    expect(() => parseMarkdown(deep)).not.toThrow();
    const stars = '*'.repeat(5000) + 'x';
    expect(parseMarkdown(`${stars}\n\n${'[['.repeat(2000)}`).length).toBeGreaterThan(0);
    for (const unit of ['_a ', '``a', '[a](', '*a ', '**a ', '`', '<http://x']) expect(parseMarkdown(unit.repeat(Math.floor(200_000 / unit.length))).length).toBeGreaterThan(0);
    expect(parseMarkdown('')).toEqual([]);
  });
});

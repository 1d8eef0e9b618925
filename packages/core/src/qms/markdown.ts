/**
 * A small Markdown reader for the texts of management-system documents: the common subset of CommonMark and GFM
 * (headings, paragraphs, emphasis, code, links, lists, block quotes, fenced code, pipe tables, rules). It builds a tree
 * and never HTML: raw HTML in the text stays literal text wherever the tree is shown (React escapes it; the document
 * engine prints it as text), so nothing a writer types can inject markup or script.
 */

export type MdInline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: MdInline[] }
  | { type: 'em'; children: MdInline[] }
  | { type: 'link'; href: string; children: MdInline[] }
  | { type: 'break' };

export type MdBlock =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: MdInline[] }
  | { type: 'paragraph'; children: MdInline[] }
  | { type: 'list'; ordered: boolean; start: number; items: MdBlock[][] }
  | { type: 'quote'; children: MdBlock[] }
  | { type: 'code'; text: string }
  | { type: 'table'; header: MdInline[][]; rows: MdInline[][][] }
  | { type: 'rule' };

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const MAX_DEPTH = 8;

/** Links that a viewer may follow: web and mail addresses only (no `javascript:`, `data:` or relative paths). */
export function isSafeLinkHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)[^\s]+$/i.test(href.trim());
}

/** The text of inline nodes: a link whose text differs from its address reads `text (address)`. */
export function markdownInlineText(nodes: readonly MdInline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
        case 'code':
          return n.text;
        case 'break':
          return '\n';
        case 'link': {
          const text = markdownInlineText(n.children);
          return text === '' || text === n.href ? n.href : `${text} (${n.href})`;
        }
        default:
          return markdownInlineText(n.children);
      }
    })
    .join('');
}

// ---------------------------------------------------------------- inline

/**
 * Searches that fail are remembered per delimiter (a search from a later position fails too), so text full of
 * unmatched markers is read in linear time rather than scanned again from every marker.
 */
class Searches {
  private readonly failedFrom = new Map<string, number>();

  find(key: string, from: number, search: () => number): number {
    const failed = this.failedFrom.get(key);
    if (failed !== undefined && from >= failed) return -1;
    const found = search();
    if (found < 0) this.failedFrom.set(key, Math.min(failed ?? Number.POSITIVE_INFINITY, from));
    return found;
  }
}

/** The closing emphasis delimiter: not escaped, not half of a double one, after some content that does not end in a space. */
function findCloser(s: string, from: number, delimiter: string): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (!s.startsWith(delimiter, i)) continue;
    if (delimiter.length === 1 && s[i + 1] === delimiter) {
      i++;
      continue;
    }
    if (i > from && s[i - 1]!.trim() !== '') return i;
  }
  return -1;
}

/** For every `[`, the index of its matching `]` (escapes respected), in one pass. */
function bracketPairs(s: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '[') open.push(i);
    else if (s[i] === ']' && open.length > 0) pairs.set(open.pop()!, i);
  }
  return pairs;
}

/** Whitespace and control characters: a link destination has none (CommonMark). */
const BLANK = /[\s\x00-\x1f\x7f]/;

/**
 * Where a link destination that starts at each position stops, for the whole text in two linear passes (so that text
 * full of `[x](` stays linear): the index of the `)` that closes the link or of the whitespace after the address, -1
 * when there is none. As in CommonMark, parentheses inside the address must be balanced (`\(` and `\)` do not count),
 * so `https://de.wikipedia.org/wiki/Foo_(Bar)` keeps its `)`.
 */
function destinationStops(s: string): Int32Array {
  const n = s.length;
  // The balancing `)` of each `(`, within one run of non-blank characters.
  const match = new Int32Array(n).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < n && PUNCTUATION.test(s[i + 1]!)) i++;
    else if (BLANK.test(c)) open.length = 0;
    else if (c === '(') open.push(i);
    else if (c === ')' && open.length > 0) match[open.pop()!] = i;
  }
  const stop = new Int32Array(n + 2).fill(-1);
  for (let p = n - 1; p >= 0; p--) {
    const c = s[p]!;
    if (c === '\\' && p + 1 < n && PUNCTUATION.test(s[p + 1]!)) stop[p] = stop[p + 2]!;
    else if (c === ')' || BLANK.test(c)) stop[p] = p;
    else if (c === '(') stop[p] = match[p]! >= 0 ? stop[match[p]! + 1]! : -1;
    else stop[p] = stop[p + 1]!;
  }
  return stop;
}

/** The first index from `from` that is not blank. */
function skipBlank(s: string, from: number): number {
  let i = from;
  while (i < s.length && BLANK.test(s[i]!)) i++;
  return i;
}

/** The link destination after `](` at `from`: its address (escapes resolved) and the index of the closing `)`. */
function linkDestination(s: string, from: number, stops: () => Int32Array): { href: string; end: number } | null {
  const start = skipBlank(s, from);
  let raw: string;
  let after: number;
  if (s[start] === '<') {
    // `<address>`: up to the first `>`, never across `<` or a line break.
    let i = start + 1;
    while (i < s.length && s[i] !== '>' && s[i] !== '<' && s[i] !== '\n') i += s[i] === '\\' && i + 1 < s.length ? 2 : 1;
    if (s[i] !== '>') return null;
    raw = s.slice(start + 1, i);
    after = i + 1;
  } else {
    const stop = stops()[start]!;
    if (stop < 0) return null;
    raw = s.slice(start, stop);
    after = stop;
  }
  const end = skipBlank(s, after);
  if (s[end] !== ')' || raw === '' || BLANK.test(raw)) return null;
  return { href: raw.replace(/\\([!-/:-@[-`{-~])/g, '$1'), end };
}

/** Inline Markdown of one paragraph (lines joined with `\n`). */
export function parseMarkdownInline(source: string, depth = 0): MdInline[] {
  const out: MdInline[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') out.push({ type: 'text', text });
    text = '';
  };
  const s = source;
  const searches = new Searches();
  let brackets: Map<number, number> | null = null;
  let stops: Int32Array | null = null;
  const destinationStopsOnce = () => (stops ??= destinationStops(s));
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === '\n') {
      flush();
      out.push({ type: 'break' });
      i += 2;
      continue;
    }
    if (c === '\\' && i + 1 < s.length && PUNCTUATION.test(s[i + 1]!)) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      // Two trailing spaces make a hard break; otherwise the line break is a space.
      if (text.endsWith('  ')) {
        text = text.replace(/ +$/, '');
        flush();
        out.push({ type: 'break' });
      } else {
        text = text.replace(/ +$/, '') + ' ';
      }
      i++;
      while (s[i] === ' ') i++;
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (s[i + n] === '`') n++;
      const run = s.slice(i, i + n);
      const end = searches.find(`code${n}`, i + n, () => {
        for (let at = s.indexOf(run, i + n); at >= 0; at = s.indexOf(run, at + 1)) {
          let m = 0;
          while (s[at + m] === '`') m++;
          if (m === n) return at;
          at += m - 1;
        }
        return -1;
      });
      if (end > 0) {
        flush();
        let code = s.slice(i + n, end).replace(/\n/g, ' ');
        if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
        out.push({ type: 'code', text: code });
        i = end + n;
        continue;
      }
      text += run;
      i += n;
      continue;
    }
    if ((c === '*' || c === '_') && depth < MAX_DEPTH) {
      const double = s[i + 1] === c;
      const delimiter = double ? c + c : c;
      const before = i > 0 ? s[i - 1]! : ' ';
      const after = s[i + delimiter.length] ?? ' ';
      // `_` inside a word (snake_case) and a delimiter before a space open nothing.
      const opens = after.trim() !== '' && !(c === '_' && /[\p{L}\p{N}]/u.test(before));
      if (opens) {
        const from = i + delimiter.length;
        const end = searches.find(delimiter, from, () => findCloser(s, from, delimiter));
        if (end > 0) {
          flush();
          const children = parseMarkdownInline(s.slice(from, end), depth + 1);
          out.push(double ? { type: 'strong', children } : { type: 'em', children });
          i = end + delimiter.length;
          continue;
        }
      }
      text += delimiter;
      i += delimiter.length;
      continue;
    }
    if (c === '[' && depth < MAX_DEPTH) {
      brackets ??= bracketPairs(s);
      const close = brackets.get(i);
      const destination = close !== undefined && s[close + 1] === '(' ? linkDestination(s, close + 2, destinationStopsOnce) : null;
      if (destination) {
        flush();
        out.push({ type: 'link', href: destination.href, children: parseMarkdownInline(s.slice(i + 1, close), depth + 1) });
        i = destination.end + 1;
        continue;
      }
    }
    if (c === '<') {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(s.slice(i, i + 2048));
      if (auto) {
        flush();
        out.push({ type: 'link', href: auto[1]!, children: [{ type: 'text', text: auto[1]! }] });
        i += auto[0].length;
        continue;
      }
    }
    text += c;
    i++;
  }
  text = text.replace(/ +$/, '');
  flush();
  return out;
}

// ---------------------------------------------------------------- blocks

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BULLET = /^( {0,3})([-+*])([ \t]+|$)(.*)$/;
const ORDERED = /^( {0,3})(\d{1,9})([.)])([ \t]+|$)(.*)$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const TABLE_DELIMITER = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

const isBlank = (line: string) => line.trim() === '';

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && row[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (row[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += row[i];
  }
  cells.push(cell.trim());
  return cells;
}

function startsBlock(line: string): boolean {
  return HEADING.test(line) || FENCE.test(line) || RULE.test(line) || QUOTE.test(line) || BULLET.test(line) || ORDERED.test(line);
}

function parseLines(lines: readonly string[], depth: number): MdBlock[] {
  const blocks: MdBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence && !(fence[1]!.startsWith('`') && fence[2]!.includes('`'))) {
      const marker = fence[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`).test(lines[i]!)) body.push(lines[i++]!);
      i++;
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, children: parseMarkdownInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_DEPTH) {
      const body: string[] = [];
      while (i < lines.length && !isBlank(lines[i]!)) {
        const quoted = QUOTE.exec(lines[i]!);
        if (!quoted && startsBlock(lines[i]!)) break;
        body.push(quoted ? quoted[1]! : lines[i]!);
        i++;
      }
      blocks.push({ type: 'quote', children: parseLines(body, depth + 1) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = bullet ? null : ORDERED.exec(line);
    if ((bullet || ordered) && depth < MAX_DEPTH) {
      const list = readList(lines, i, depth);
      blocks.push(list.block);
      i = list.next;
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_DELIMITER.test(lines[i + 1]!) && lines[i + 1]!.includes('-')) {
      const header = splitRow(line);
      const rows: MdInline[][][] = [];
      i += 2;
      while (i < lines.length && !isBlank(lines[i]!) && lines[i]!.includes('|')) {
        const cells = splitRow(lines[i]!);
        rows.push(header.map((_, c) => parseMarkdownInline(cells[c] ?? '')));
        i++;
      }
      blocks.push({ type: 'table', header: header.map((h) => parseMarkdownInline(h)), rows });
      continue;
    }
    const body: string[] = [line.trimStart()];
    i++;
    while (i < lines.length && !isBlank(lines[i]!) && !startsBlock(lines[i]!)) body.push(lines[i++]!.trimStart());
    blocks.push({ type: 'paragraph', children: parseMarkdownInline(body.join('\n')) });
  }
  return blocks;
}

/** A list from line `start`: items of the same kind and marker; lines indented under an item belong to it. */
function readList(lines: readonly string[], start: number, depth: number): { block: MdBlock; next: number } {
  const first = lines[start]!;
  const bullet = BULLET.exec(first);
  const ordered = bullet ? null : ORDERED.exec(first)!;
  const marker = bullet ? bullet[2]! : ordered![3]!;
  const items: MdBlock[][] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    const b = BULLET.exec(line);
    const o = b ? null : ORDERED.exec(line);
    const same = bullet ? b !== null && b[2] === marker : o !== null && o[3] === marker;
    if (!same) break;
    const indent = bullet ? b![1]!.length + 1 + Math.max(1, Math.min(4, b![3]!.length)) : o![1]!.length + o![2]!.length + 1 + Math.max(1, Math.min(4, o![4]!.length));
    const body: string[] = [bullet ? b![4]! : o![5]!];
    i++;
    while (i < lines.length) {
      const next = lines[i]!;
      if (isBlank(next)) {
        // A blank line continues the item only when indented content follows.
        const following = lines[i + 1];
        if (following !== undefined && !isBlank(following) && following.length - following.trimStart().length >= indent) {
          body.push('');
          i++;
          continue;
        }
        break;
      }
      const leading = next.length - next.trimStart().length;
      if (leading >= indent) {
        body.push(next.slice(indent));
        i++;
        continue;
      }
      if (startsBlock(next)) break;
      body.push(next.trimStart());
      i++;
    }
    items.push(parseLines(body, depth + 1));
    while (i < lines.length && isBlank(lines[i]!)) {
      const following = lines[i + 1];
      const nb = following === undefined ? null : BULLET.exec(following);
      const no = following === undefined || nb ? null : ORDERED.exec(following);
      if (bullet ? nb !== null && nb[2] === marker : no !== null && no[3] === marker) i++;
      else break;
    }
  }
  return { block: { type: 'list', ordered: ordered !== null, start: ordered ? Number(ordered[2]) : 1, items }, next: i };
}

/** Markdown text as blocks. Tabs count as four spaces; `\r\n` as `\n`. */
export function parseMarkdown(source: string): MdBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
  return parseLines(lines, 0);
}

/**
 * Legal references are stored in the Official Journal's short form (`Art. 26(6)`, `Annex III 6(d)`), which the API
 * and the catalogues use as identifiers. German readers expect the German citation style; this turns the one into
 * the other for display only. References of other documents (`GOVERN 1.1`, `A.6.2.8`, `SR-01`) pass unchanged.
 */
const LETTER_OR_RANGE = String.raw`\(([a-z]{1,4})\)(?:–\(([a-z]{1,4})\))?`;

function paragraphs(rest: string): string {
  // (1)(a)(ii) → Abs. 1 Buchst. a Ziff. ii; (1)(a)–(e) → Abs. 1 Buchst. a–e
  let out = '';
  let cursor = rest;
  const para = /^\((\d+[a-z]?)\)(?:–\((\d+[a-z]?)\))?/.exec(cursor);
  if (para) {
    out += ` Abs. ${para[1]}${para[2] ? `–${para[2]}` : ''}`;
    cursor = cursor.slice(para[0].length);
  }
  const letter = new RegExp(`^${LETTER_OR_RANGE}`).exec(cursor);
  if (letter) {
    out += ` Buchst. ${letter[1]}${letter[2] ? `–${letter[2]}` : ''}`;
    cursor = cursor.slice(letter[0].length);
    const point = /^\(([ivx]+)\)/.exec(cursor);
    if (point) {
      out += ` Ziff. ${point[1]}`;
      cursor = cursor.slice(point[0].length);
    }
  }
  return out + cursor;
}

export function formatLegalRef(ref: string, language: string): string {
  if (!language.startsWith('de')) return ref;
  return ref
    .replace(/\bArt\. (\d+[a-z]?)((?:\([0-9a-z]+\)|–\([0-9a-z]+\))*)/g, (_, article: string, rest: string) => `Art. ${article}${paragraphs(rest)}`)
    .replace(/\bAnnex ([IVX]+)(?: (\d+)(?:\(([a-z])\))?)?/g, (_, annex: string, point?: string, letter?: string) =>
      `Anhang ${annex}${point ? ` Nr. ${point}` : ''}${letter ? ` Buchst. ${letter}` : ''}`,
    )
    .replace(/\bChapter ([IVX]+)\b/g, 'Kapitel $1')
    .replace(/, last subparagraph\b/g, ', letzter Unterabsatz')
    .replace(/\(2026 amendment\)/g, '(Änderung 2026)');
}

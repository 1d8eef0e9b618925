import {
  art17Element,
  markdownInlineText,
  parseMarkdown,
  type DocBlock,
  type DocumentModel,
  type MdBlock,
  type QmsClauseNode,
  type QmsDocumentKind,
  type QmsExportQuery,
  type QmsVersion,
} from '@konform/core';
import type { QmsDocumentTable, SignatureTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { formatDate } from '../../documents/common.js';
import { renderDocument } from '../../documents/render.js';
import type { ExportFile } from '../../http/send-file.js';
import type { CatalogService } from '../catalogs/service.js';
import { slugOf } from '../risks/report-service.js';
import { isoClauseNodes } from './clauses.js';
import type { QmsVersionService } from './versions.js';

type Lang = 'de' | 'en';

const KINDS: Record<Lang, Record<QmsDocumentKind, string>> = {
  de: { policy: 'KI-Politik', objectives: 'KI-Ziele', procedure: 'Verfahrensanweisung', 'management-review': 'Managementbewertung', record: 'Aufzeichnung', other: 'Sonstiges Dokument' },
  en: { policy: 'AI policy', objectives: 'AI objectives', procedure: 'Procedure', 'management-review': 'Management review', record: 'Record', other: 'Other document' },
};

const T = {
  de: {
    system: 'KI-Managementsystem', control: 'Dokumentenlenkung', kind: 'Dokumentart', version: 'Fassung', state: 'Status',
    released: 'freigegeben', superseded: (date: string) => `ersetzt am ${date}`, owner: 'Verantwortlich', releasedAt: 'Freigegeben am',
    releasedBy: 'Freigegeben von (Zeichnung)', signature: 'Zeichnung', cycle: 'Überprüfungszyklus', months: (n: number) => (n === 1 ? '1 Monat' : `${n} Monate`),
    nextReview: 'Nächste Überprüfung', noReview: 'entfällt (Fassung ersetzt)', marking: 'Einstufung', noMarking: 'keine', changeNote: 'Änderungshinweis',
    covers: 'Abgedeckte Anforderungen', art17: 'Qualitätsmanagementsystem (Art. 17 Abs. 1 KI-VO)', iso: 'ISO/IEC 42001:2023 – Abschnitte',
    none: 'Keine angegeben.', empty: 'Kein Inhalt.',
    art17Ref: (letter: string) => `Art. 17 Abs. 1 Buchst. ${letter} KI-VO`,
    releasedLine: (by: string, on: string) => `Freigegeben von ${by} am ${on} (Zeichnung)`,
  },
  en: {
    system: 'AI management system', control: 'Document control', kind: 'Document type', version: 'Version', state: 'State',
    released: 'released', superseded: (date: string) => `superseded on ${date}`, owner: 'Owner', releasedAt: 'Released on',
    releasedBy: 'Released by (signature)', signature: 'Signature', cycle: 'Review cycle', months: (n: number) => (n === 1 ? '1 month' : `${n} months`),
    nextReview: 'Next review', noReview: 'none (version superseded)', marking: 'Classification', noMarking: 'none', changeNote: 'Change note',
    covers: 'Requirements covered', art17: 'Quality management system (Art. 17(1) AI Act)', iso: 'ISO/IEC 42001:2023 – clauses',
    none: 'None stated.', empty: 'No content.',
    art17Ref: (letter: string) => `Art. 17(1)(${letter}) AI Act`,
    releasedLine: (by: string, on: string) => `Released by ${by} on ${on} (signature)`,
  },
} as const;

/** Markdown blocks as blocks of the document engine (inline emphasis becomes plain text; links show their address). */
export function markdownToBlocks(blocks: readonly MdBlock[]): DocBlock[] {
  return blocks.flatMap((b): DocBlock[] => {
    switch (b.type) {
      case 'heading':
        return [{ type: 'heading', level: Math.min(3, b.level) as 1 | 2 | 3, text: markdownInlineText(b.children) }];
      case 'paragraph':
        return [{ type: 'paragraph', text: markdownInlineText(b.children) }];
      case 'code':
        return b.text.trim() === '' ? [] : [{ type: 'paragraph', text: b.text }];
      case 'quote':
        return markdownToBlocks(b.children);
      case 'list':
        return [{ type: 'list', ordered: b.ordered, items: b.items.map((item) => itemText(item)) }];
      case 'table':
        return [{ type: 'table', columns: b.header.map((h) => markdownInlineText(h)), rows: b.rows.map((r) => r.map((c) => markdownInlineText(c))) }];
      case 'rule':
        return [];
    }
  });
}

/** A list item's blocks as one text; a nested list's items follow on their own lines, indented with a dash. */
function itemText(blocks: readonly MdBlock[], indent = ''): string {
  return blocks
    .map((b) => {
      if (b.type === 'list') return b.items.map((item) => `${indent}– ${itemText(item, `${indent}  `)}`).join('\n');
      if (b.type === 'heading' || b.type === 'paragraph') return markdownInlineText(b.children);
      if (b.type === 'code') return b.text;
      if (b.type === 'quote') return itemText(b.children, indent);
      if (b.type === 'table') return [b.header, ...b.rows].map((r) => r.map((c) => markdownInlineText(c)).join(' | ')).join('\n');
      return '';
    })
    .filter((t) => t !== '')
    .join('\n');
}

/**
 * A released version of a management-system document: the title page (title, kind, version, release date, unit,
 * marking), the document control (owner, approver and signature, review cycle and next review, change note), the
 * Markdown content, and the Art. 17(1) elements and 42001 clauses it covers, all as frozen at submission.
 */
export function qmsDocumentModel(input: {
  document: QmsDocumentTable;
  version: QmsVersion;
  signature: SignatureTable | undefined;
  unitName: string;
  clauses: readonly QmsClauseNode[];
  lang: Lang;
  marking: string | null;
}): DocumentModel {
  const { document, version, signature, lang } = input;
  const t = T[lang];
  const snapshot = version.snapshot;
  const title = snapshot?.title ?? document.title;
  const kind = (snapshot?.kind ?? document.kind) as QmsDocumentKind;
  const releasedAt = (version.releasedAt ?? version.updatedAt).slice(0, 10);
  const date = (iso: string | null) => (iso ? formatDate(iso.slice(0, 10), lang) : '–');
  const inForce = version.state === 'released';
  const nextReview = inForce ? (document.next_review ?? version.nextReview) : null;
  const clauseByKey = new Map(input.clauses.map((c) => [c.key, c]));
  const elements = snapshot?.art17Elements ?? [];
  const isoClauses = snapshot?.isoClauses ?? [];
  const content = markdownToBlocks(parseMarkdown(version.content));

  return {
    id: `AIMS-${document.id.slice(0, 8).toUpperCase()}`,
    title,
    // The title page: kind, owner, release with its approver and the next review under the title (the engine adds
    // version, date, unit and marking).
    subtitle: [
      `${KINDS[lang][kind]} – ${t.system}`,
      `${t.owner}: ${snapshot?.ownerLabel ?? ''}`,
      t.releasedLine(version.releasedBy ?? '', date(version.releasedAt)),
      `${t.nextReview}: ${nextReview ? date(nextReview) : t.noReview}`,
    ].join('\n'),
    version: String(version.number),
    date: releasedAt,
    language: lang,
    marking: input.marking,
    ...(input.unitName ? { organisation: input.unitName } : {}),
    blocks: [
      { type: 'heading', level: 1, text: t.control },
      {
        type: 'keyValue',
        items: [
          { key: t.kind, value: KINDS[lang][kind] },
          { key: t.version, value: String(version.number) },
          { key: t.state, value: inForce ? t.released : t.superseded(date(version.supersededAt)) },
          { key: t.owner, value: snapshot?.ownerLabel ?? '' },
          { key: t.releasedAt, value: date(version.releasedAt) },
          { key: t.releasedBy, value: version.releasedBy ?? '' },
          ...(signature ? [{ key: t.signature, value: `${signature.signer_label} · ${date(signature.signed_at)} ${signature.signed_at.slice(11, 16)} UTC · SHA-256 ${signature.state_hash}` }] : []),
          { key: t.cycle, value: t.months(snapshot?.reviewMonths ?? Number(document.review_months)) },
          { key: t.nextReview, value: nextReview ? date(nextReview) : t.noReview },
          { key: t.marking, value: input.marking ?? t.noMarking },
          { key: t.changeNote, value: version.changeNote },
        ],
      },
      { type: 'pageBreak' },
      ...(content.length > 0 ? content : [{ type: 'paragraph' as const, text: t.empty }]),
      { type: 'heading', level: 1, text: t.covers },
      { type: 'heading', level: 2, text: t.art17 },
      elements.length > 0
        ? { type: 'list', ordered: false, items: elements.map((e) => `${t.art17Ref(e)} – ${art17Element(e).title[lang]}`) }
        : { type: 'paragraph', text: t.none },
      { type: 'heading', level: 2, text: t.iso },
      isoClauses.length > 0
        ? { type: 'list', ordered: false, items: isoClauses.map((key) => {
            const clause = clauseByKey.get(key);
            return clause ? `${clause.ref} ${clause.title[lang]}` : key;
          }) }
        : { type: 'paragraph', text: t.none },
    ],
  };
}

/** GET /api/qms/documents/{id}/versions/{n}/export: a released version as DOCX, PDF or Markdown. */
export async function exportQmsVersion(versions: QmsVersionService, catalogs: CatalogService, marking: string | null, actor: Actor, documentId: string, number: number, query: QmsExportQuery): Promise<ExportFile> {
  const { version, signature, document, unitName } = await versions.releasedVersion(actor, documentId, number);
  const model = qmsDocumentModel({ document, version, signature, unitName, clauses: await isoClauseNodes(catalogs), lang: query.lang, marking });
  const rendered = await renderDocument(model, query.format);
  return { body: rendered.body, contentType: rendered.contentType, fileName: `konform-${slugOf(model.title)}-v${version.number}.${rendered.extension}` };
}

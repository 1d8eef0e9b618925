import type { TFunction } from 'i18next';
import type { RelationNode } from '@konform/core';

/** "Prüflauf #12", "Anforderung Art. 15(1) – Genauigkeit …": the kind, the label and, where there is one, the title. */
export function nodeText(t: TFunction, lang: string, node: RelationNode): string {
  const title = node.title ? ` – ${lang.startsWith('en') ? node.title.en : node.title.de}` : '';
  return `${t(`relations.kinds.${node.kind}`)} ${node.label}${title}`;
}

export function statusText(t: TFunction, status: string | null): string | null {
  return status === null ? null : t(`relations.status.${status}`, { defaultValue: status });
}

import type { RequirementStatus } from '@konform/core';
import { presentRow, type SystemState } from '../requirements/service.js';
import { controlId, documentUuid, line, metadata, prop, prose, prune, recordUuid, type Prop } from './common.js';

/** OSCAL's implementation-status vocabulary for Konform's requirement workflow (verified is implemented and checked). */
const IMPLEMENTATION_STATE: Record<RequirementStatus, string> = {
  open: 'planned',
  'in-progress': 'partial',
  implemented: 'implemented',
  verified: 'implemented',
  'not-applicable': 'not-applicable',
};

/**
 * An AI system as an OSCAL component definition: the system is the one component; its applicable requirements of
 * one catalogue are the implemented requirements (status as `implementation-status`, Konform's own status and the
 * applied measures that advance each requirement as Konform props). Groups of the catalogue are left out.
 */
export function componentDefinition(state: SystemState, catalogId: string, now: string) {
  const { system, registry } = state;
  const catalog = registry.get(catalogId)!.catalog;
  const measureStatus = new Map(state.measures.map((m) => [m.measure_id, m.status]));
  const implemented = state.derived.derived
    .filter((d) => d.entry.catalogId === catalogId && d.applies && d.entry.requirement.kind !== 'group')
    .map((d) => {
      const row = presentRow(state, d);
      const measures = row.measures.map((id) => ({ id, title: registry.measure(id)?.title.en ?? id, status: measureStatus.get(id) ?? 'planned' }));
      const statusProps: Prop[] = [
        { name: 'implementation-status', value: IMPLEMENTATION_STATE[row.status], ...(row.status === 'not-applicable' && row.justification ? { remarks: row.justification } : {}) },
        prop('requirement-key', row.requirementId),
        prop('requirement-status', row.status),
        prop('label', row.ref),
        ...(row.dueDate ? [prop('due-date', row.dueDate)] : []),
        ...(row.owner ? [prop('owner', row.owner)] : []),
        ...measures.map((m) => prop('measure', `${m.id} (${m.status})`)),
      ];
      const lines = [
        `${row.ref} ${row.title.en}: ${row.status}.`,
        ...(row.justification ? [`Justification: ${row.justification}`] : []),
        ...measures.map((m) => `- Measure ${m.title} (${m.status})`),
      ];
      return prune({
        uuid: recordUuid('requirement-row', system.id, row.requirementId),
        'control-id': controlId(d.entry.requirement.id),
        description: lines.join('\n\n'),
        props: statusProps,
      });
    });
  const version = `${system.id}@${Number(system.version)}`;
  const component = prune({
    uuid: recordUuid('system', system.id),
    type: 'software',
    title: line(system.name),
    description: prose(system.description || system.purpose),
    ...(system.purpose.trim() ? { purpose: line(system.purpose) } : {}),
    props: [
      prop('system-id', system.id),
      prop('lifecycle-stage', system.lifecycle_stage),
      ...(system.risk_class ? [prop('risk-class', system.risk_class)] : []),
      ...(JSON.parse(system.roles) as string[]).map((r) => prop('role', r)),
    ],
    'control-implementations': implemented.length === 0 ? [] : [{
      uuid: recordUuid('control-implementation', system.id, catalogId),
      // The catalogue as Konform exports it (OSCAL catalog); same UUID there as in every other document.
      source: `/api/catalogs/${encodeURIComponent(catalogId)}/export?format=oscal&version=${encodeURIComponent(catalog.version)}`,
      description: `Requirements of ${catalog.title.en} (${catalog.version}) that apply to ${system.name}, with their status in Konform.`,
      props: [prop('catalog-id', catalogId), prop('catalog-version', catalog.version)],
      'implemented-requirements': implemented,
    }],
  });
  return {
    'component-definition': {
      uuid: documentUuid(),
      metadata: metadata(`${system.name}: ${catalog.title.en}`, version, now, [prop('system-id', system.id), prop('catalog-id', catalogId)]),
      components: [component],
    },
  };
}

import { randomUUID } from 'node:crypto';
import { ClassificationFacts, classify, type AiSystemCreate, type ClassificationFactsInput, type ClassifyOptions, type LifecycleStage, type OperatorRole } from '@konform/core';
import { sql } from 'kysely';
import type { Database, Services } from '@konform/server';
// The presenter owns the row shape (JSON lists, lower-cased search text); reusing it keeps the seed honest.
import { toRow, UNCLASSIFIED } from '../packages/server/src/modules/systems/presenter.js';
import { canonicalJson } from '../packages/server/src/audit/canonical-json.js';
import { chainHash, payloadHash, type AuditPayload } from '../packages/server/src/audit/hash-chain.js';

/** A small deterministic generator, so every run seeds the same portfolio. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

export interface SeededUnit {
  id: string;
  name: string;
  parentId: string | null;
}

const DEPARTMENTS = ['Zentrale Dienste', 'Ermittlungsunterstützung', 'IT-Sicherheit', 'Prüflabor und Qualität', 'Bürgerservice', 'Auswertung und Analyse', 'Recht und Grundsatz'];

/** 50 units: one root, 7 departments, 42 sections below them. */
export async function seedUnits(database: Database, count = 50): Promise<SeededUnit[]> {
  const now = new Date().toISOString();
  const units: SeededUnit[] = [{ id: randomUUID(), name: 'Bundesamt (Benchmark)', parentId: null }];
  for (const dept of DEPARTMENTS) units.push({ id: randomUUID(), name: `Abteilung ${dept}`, parentId: units[0]!.id });
  const departments = units.slice(1);
  for (let i = 0; units.length < count; i++) {
    const parent = departments[i % departments.length]!;
    units.push({ id: randomUUID(), name: `Referat ${String(i + 1).padStart(2, '0')} (${parent.name.replace('Abteilung ', '')})`, parentId: parent.id });
  }
  await database.db
    .insertInto('org_unit')
    .values(units.map((u) => ({ id: u.id, name: u.name, short_name: '', parent_id: u.parentId, version: 1, created_at: now, updated_at: now, archived_at: null })))
    .execute();
  return units;
}

const SUBJECTS = [
  'Sprachtranskription', 'Texterkennung', 'Entitätenextraktion', 'Bildklassifikation', 'Videoauswertung', 'Maschinelle Übersetzung',
  'Anomalieerkennung', 'Sprechererkennung', 'Dokumentenprüfung', 'Berichtsassistent', 'OSINT-Klassifikation', 'Malware-Klassifikation',
  'Gesichtsabgleich', 'Chatbot', 'Priorisierung', 'Netzwerkanalyse', 'Fallzuordnung', 'Zusammenfassung', 'Kennzeichenerkennung', 'Spracherkennung',
];
const QUALIFIERS = ['für Ermittlungsakten', 'für Asservate', 'im Lagebild', 'für Hinweise', 'für Vorgänge', 'für Protokolle', 'im Bürgerservice', 'für Netzwerkdaten', 'für Fremdsprachen', 'für Sicherstellungen'];
const VENDORS = ['Nordlicht Analytics GmbH', 'Rheintal Datentechnik AG', 'Auenwald Systems GmbH', 'Spreebogen Software KG', 'Elbufer KI-Labor GmbH', 'Moorkamp Informatik GmbH', 'Fjordbyte AS'];
const PEOPLE = ['Dr. Anna Vogt', 'Jens Albrecht', 'Miriam Özdemir', 'Lukas Brandt', 'Sabine Krüger', 'Tobias Hahn', 'Elena Petrović', 'Frank Seidel', 'Katharina Lorenz', 'Yusuf Demir'];
const TAGS = ['TKÜ', 'Asservate', 'Sprache', 'Bild', 'Video', 'Text', 'OSINT', 'Netzwerk', 'Biometrie', 'LLM', 'Übersetzung', 'Malware', 'Bürgerservice', 'Hochrisiko', 'Pilot', 'Cloud', 'On-Premises', 'VS-NfD'];
const STAGES: readonly LifecycleStage[] = ['planned', 'development', 'validation', 'operation', 'operation', 'operation', 'retired'];
const ROLE_SETS: readonly OperatorRole[][] = [['deployer'], ['deployer'], ['deployer'], ['provider'], ['provider', 'deployer'], ['importer', 'deployer'], ['distributor']];
const AUTONOMY = ['assistive', 'human-in-the-loop', 'human-in-the-loop', 'human-on-the-loop', 'autonomous'] as const;

/** Realistic sizes matter: the list answers full records, so descriptions carry a few hundred characters. */
export function systemFields(random: Random, n: number, orgUnitId: string): AiSystemCreate {
  const subject = pick(random, SUBJECTS);
  const qualifier = pick(random, QUALIFIERS);
  const roles = pick(random, ROLE_SETS);
  const procured = !roles.includes('provider') || random() < 0.2;
  const vendor = procured ? pick(random, VENDORS) : '';
  const tags = [...new Set(Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(random, TAGS)))];
  const sentences = [
    `Das System unterstützt die ${subject} ${qualifier} und liefert Vorschläge, die eine Fachkraft prüft.`,
    `Eingangsdaten stammen aus den Fachverfahren der Organisationseinheit; Ergebnisse werden mit Konfidenzwert protokolliert.`,
    `Der Betrieb erfolgt im abgeschotteten Netz der Behörde, ohne Verbindung zum Internet.`,
    `Änderungen am Modell werden vor der Inbetriebnahme im Prüflabor bewertet und freigegeben.`,
    `Die menschliche Aufsicht ist durch Vier-Augen-Prinzip und Stichprobenkontrollen sichergestellt.`,
  ];
  return {
    name: `${subject} ${qualifier} ${String(n).padStart(5, '0')}`,
    shortName: `${subject.slice(0, 6).toUpperCase()}-${n}`,
    purpose: `Bestimmungsgemäße Verwendung: ${subject} ${qualifier}, um Sachbearbeitende bei der Auswertung großer Datenmengen zu entlasten.`,
    description: sentences.slice(0, 2 + Math.floor(random() * 4)).join(' '),
    orgUnitId,
    responsible: pick(random, PEOPLE),
    lifecycleStage: pick(random, STAGES),
    roles,
    sourcing: procured ? 'procured' : 'in-house',
    vendor,
    deploymentContext: 'Arbeitsplatzrechner im internen Netz, Zugriff nur für berechtigte Sachbearbeitung.',
    affectedPersons: 'Beschuldigte, Zeuginnen und Zeugen, unbeteiligte Dritte in den ausgewerteten Daten.',
    autonomy: pick(random, AUTONOMY),
    tags,
  };
}

/** Inserts `count` systems in batches inside one transaction; about 5 % are archived. */
export async function seedSystems(database: Database, units: readonly SeededUnit[], count = 10_000, batchSize = 500): Promise<void> {
  const random = prng(20261126);
  const start = Date.parse('2025-01-01T00:00:00Z');
  const span = Date.parse('2026-11-01T00:00:00Z') - start;
  // Sections hold most systems; the root and departments hold a few.
  const weighted = units.flatMap((u) => (u.parentId === null ? [u] : units.some((c) => c.parentId === u.id) ? [u] : [u, u, u, u]));
  await database.db.transaction().execute(async (trx) => {
    for (let offset = 0; offset < count; offset += batchSize) {
      const rows = [];
      for (let n = offset; n < Math.min(count, offset + batchSize); n++) {
        const unit = pick(random, weighted);
        const created = start + Math.floor(random() * span);
        const updated = created + Math.floor(random() * (start + span - created));
        rows.push({
          id: randomUUID(),
          ...toRow(systemFields(random, n + 1, unit.id)),
          ...UNCLASSIFIED,
          version: 1 + Math.floor(random() * 6),
          created_at: new Date(created).toISOString(),
          updated_at: new Date(updated).toISOString(),
          archived_at: random() < 0.05 ? new Date(updated).toISOString() : null,
        });
      }
      await trx.insertInto('ai_system').values(rows).execute();
    }
  });
}

/** Classification facts of a realistic mix: high-risk deployers and providers, transparency cases, minimal, GPAI, a derogation, out of scope. */
export const CLASSIFICATION_PROFILES: readonly ClassificationFactsInput[] = [
  { roles: ['deployer'], annexIII: ['4.a'], deployer: { publicAuthority: true, employer: true } },
  { roles: ['deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } },
  { roles: ['provider', 'deployer'], annexIII: ['6.d'], deployer: { publicAuthority: true } },
  { roles: ['provider'], annexI: { covered: true, thirdPartyAssessment: true } },
  { roles: ['deployer'], transparency: ['50.1'] },
  { roles: ['provider', 'deployer'], transparency: ['50.1', '50.2'] },
  { roles: ['deployer'] },
  { roles: ['provider'], gpai: { isGpaiModel: true, trainingComputeFlop: 1e24 } },
  { roles: ['deployer'], annexIII: ['1.c'], derogation: ['6.3.a'] },
  { isAiSystem: false },
];

/** The state of a stored matrix row; drawn from `random` so the seed stays deterministic. */
export interface SeededRowState {
  status: string;
  due_date: string | null;
  justification: string | null;
}

export interface ClassifiedSeed {
  /** Each system's facts are one of these, drawn at random. */
  profiles: readonly ClassificationFactsInput[];
  classify: ClassifyOptions;
  /** Each of the about 30 stored matrix rows per system. */
  row: (random: Random) => SeededRowState;
  /** Measures applied (implemented) per system, drawn from the catalogues' measures; none when left out. */
  measuresPerSystem?: number;
}

/**
 * Per active system one classification revision (about 60 % approved), about 30 stored matrix rows over every
 * catalogue's requirements and, when asked, applied measures; in batches of 100 systems inside one transaction.
 * Returns the ids of the classified systems.
 */
export async function seedClassified(database: Database, services: Services, seed: ClassifiedSeed): Promise<string[]> {
  const random = prng(42);
  const catalogs = await services.catalogs.current();
  const keys = catalogs.list().flatMap((c) => c.catalog.requirements.filter((r) => r.kind === 'requirement').map((r) => `${c.catalog.id}:${r.id}`));
  const measures = catalogs.measures().map((m) => m.id);
  const systems = await database.db.selectFrom('ai_system').select(['id']).where('archived_at', 'is', null).execute();
  const now = new Date().toISOString();
  await database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < systems.length; i += 100) {
      const revisions = [];
      const rows = [];
      const applied = [];
      for (const { id } of systems.slice(i, i + 100)) {
        const facts = ClassificationFacts.parse(pick(random, seed.profiles));
        const result = classify(facts, seed.classify);
        const approved = random() < 0.6;
        revisions.push({
          id: randomUUID(), system_id: id, number: 1, status: approved ? 'approved' : 'draft', facts: JSON.stringify(facts), answers: '{}', note: '',
          result: JSON.stringify(result), risk_class: result.riskClass, decided_by_id: null, decided_by_label: 'bench', decided_at: now,
          state_hash: '0'.repeat(64), approval_signature_id: approved ? randomUUID() : null,
        });
        const touched = new Set<string>();
        for (let n = 0; n < 30 && keys.length > 0; n++) touched.add(pick(random, keys));
        for (const key of touched) {
          rows.push({ system_id: id, requirement_key: key, ...seed.row(random), owner: 'Referat IT 2', implemented_by: null, verified_by: null, version: 1, updated_at: now });
        }
        const picked = new Set<string>();
        for (let n = 0; n < (seed.measuresPerSystem ?? 0) && measures.length > 0; n++) picked.add(pick(random, measures));
        for (const m of picked) applied.push({ system_id: id, measure_id: m, status: 'implemented', note: '', applied_by_id: null, applied_by_label: 'bench', created_at: now, updated_at: now });
      }
      await trx.insertInto('classification_revision').values(revisions).execute();
      if (rows.length) await trx.insertInto('requirement_row').values(rows).execute();
      if (applied.length) await trx.insertInto('system_measure').values(applied).execute();
    }
  });
  return systems.map((s) => s.id);
}

/** Risk class and classification state on the system rows, as the classification service keeps them in sync. */
export async function syncRiskClass(database: Database) {
  await sql`update ai_system set risk_class = (select cr.risk_class from classification_revision cr where cr.system_id = ai_system.id order by cr.number desc limit 1),
    classification_status = coalesce((select cr.status from classification_revision cr where cr.system_id = ai_system.id order by cr.number desc limit 1), 'none')`.execute(database.db);
}

/**
 * `count` audit events appended to the chain exactly as `appendAuditEvent` writes them (payload hash over the
 * canonical payload, chain hash over the previous chain hash), continuing from the head; the head is moved along.
 */
export async function seedAuditEvents(database: Database, count: number, entityIds: readonly string[], actorId: string): Promise<void> {
  const random = prng(7);
  const actions = [['ai-system.update', 'ai-system'], ['requirement.update', 'requirement-row'], ['risk.update', 'risk'], ['classification.approve', 'classification'], ['task.update', 'task']] as const;
  const start = Date.parse('2025-01-01T00:00:00Z');
  const spacing = (Date.parse('2026-11-01T00:00:00Z') - start) / count;
  const head = await database.db.selectFrom('audit_chain_head').select(['seq', 'chain_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  let seq = Number(head.seq);
  let previous = head.chain_hash;
  const BATCH = 1000;
  const PER_TRANSACTION = 50_000;
  for (let t = 0; t < count; t += PER_TRANSACTION) {
    await database.db.transaction().execute(async (trx) => {
      for (let i = t; i < Math.min(count, t + PER_TRANSACTION); i += BATCH) {
        const rows = [];
        for (let n = i; n < Math.min(count, i + BATCH, t + PER_TRANSACTION); n++) {
          const [action, entityType] = actions[Math.floor(random() * actions.length)]!;
          const payload: AuditPayload = {
            seq: ++seq,
            occurredAt: new Date(start + Math.floor(n * spacing)).toISOString(),
            actorId,
            actorLabel: 'Benchmark Admin',
            action,
            entityType,
            entityId: entityIds[Math.floor(random() * entityIds.length)]!,
            changes: random() < 0.5
              ? [{ field: 'status', before: 'open', after: 'in-progress' }]
              : [{ field: 'owner', before: 'Referat Z', after: 'Referat IT 2' }, { field: 'description', before: 'Alte Beschreibung des Vorgangs', after: 'Neue Beschreibung des Vorgangs mit Ergänzung' }],
            reason: random() < 0.1 ? 'Nachtrag nach Prüfung' : null,
            clientAddress: '10.0.0.17',
          };
          const pHash = payloadHash(payload);
          const cHash = chainHash(previous, pHash);
          previous = cHash;
          rows.push({
            seq: payload.seq, occurred_at: payload.occurredAt, actor_id: payload.actorId, actor_label: payload.actorLabel, action: payload.action, entity_type: payload.entityType,
            entity_id: payload.entityId, changes: canonicalJson(payload.changes), reason: payload.reason, client_address: payload.clientAddress, payload_hash: pHash, chain_hash: cHash,
          });
        }
        await trx.insertInto('audit_event').values(rows).execute();
      }
      await trx.updateTable('audit_chain_head').set({ seq, chain_hash: previous }).where('id', '=', 1).execute();
    });
  }
}

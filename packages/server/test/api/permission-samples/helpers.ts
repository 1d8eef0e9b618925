import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../src/access/actor.js';
import type { MatrixContext } from './context.js';

/** Setup helpers the area sample files share; each takes the matrix context and reads it when called. */

/** A plain in-house system of the matrix unit. */
export function newSystem(ctx: MatrixContext, name: string) {
  return ctx.t.services.systems.create(ctx.actor, {
    name, shortName: '', purpose: 'Test', description: '', orgUnitId: ctx.unit, responsible: '', lifecycleStage: 'planned',
    roles: ['deployer'], sourcing: 'in-house', vendor: '', deploymentContext: '', affectedPersons: '', autonomy: 'assistive', tags: [],
  });
}

/** A notification of the given user, inserted as the reminder engine would. */
export async function notificationFor(ctx: MatrixContext, userId: string): Promise<string> {
  const id = randomUUID();
  await ctx.t.db.database.db.insertInto('notification').values({
    id, user_id: userId, kind: 'risk-review-due', title_de: 'Titel', title_en: 'Title', body_de: 'Text', body_en: 'Text', link: null,
    dedupe_key: `matrix:${id}`, created_at: new Date().toISOString(), read_at: null, email_claimed_at: null, emailed_at: null, email_error: null,
  }).execute();
  return id;
}

/** A multipart upload (the test client sends FormData with its own content type) with a small text file. */
export function evidenceForm(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([`Nachweis ${randomUUID()}\n`]), 'nachweis.txt');
  return form;
}

export function intakeForm(ctx: MatrixContext) {
  return { title: 'Matrix-Vorhaben', purpose: 'Test', orgUnitId: ctx.unit, sourcing: 'in-house' };
}

/** The matrix's administrator as an actor (a person, so lab authorisations can name who granted them). */
export async function labManager(ctx: MatrixContext): Promise<Actor> {
  const admin = ctx.users.get('admin')!;
  return { ...ctx.actor, userId: admin.id, label: `Admin <${admin.email}>` };
}

/** Models and datasets registry: an item of its own in the matrix unit. */
export function newTestItem(ctx: MatrixContext, type: 'model' | 'dataset') {
  const name = `${type} ${randomUUID().slice(0, 6)}`;
  return type === 'model'
    ? ctx.t.services.models.create(ctx.actor, { name, kind: 'classifier', orgUnitId: ctx.unit })
    : ctx.t.services.datasets.create(ctx.actor, { name, kind: 'tabular', orgUnitId: ctx.unit });
}

/** A one-file manifest with a fresh digest. */
export function testManifest() {
  return [{ path: 'weights.bin', sha256: randomUUID().replaceAll('-', '').repeat(2) }];
}

/** `/api/<type>s/{id}/versions/{versionId}` of a fresh version of a fresh item. */
export async function testItemVersionPath(ctx: MatrixContext, type: 'model' | 'dataset') {
  const item = await newTestItem(ctx, type);
  const base = { label: '1.0', receivedOn: '2026-11-01', manifest: testManifest() };
  const version = type === 'model'
    ? await ctx.t.services.models.createVersion(ctx.actor, item.id, base)
    : await ctx.t.services.datasets.createVersion(ctx.actor, item.id, { ...base, personalData: false });
  return `/api/${type}s/${item.id}/versions/${version.id}`;
}

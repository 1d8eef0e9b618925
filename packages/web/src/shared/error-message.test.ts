import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { de, en } from '../i18n/messages';
import { errorMessage } from './error-message';

// Server failures carry English problem details; the UI must show its own sentence in the reader's language.
describe('errorMessage for server failures', () => {
  const translators: Record<'de' | 'en', TFunction> = {} as Record<'de' | 'en', TFunction>;
  beforeAll(async () => {
    for (const [lng, resources] of [['de', de], ['en', en]] as const) {
      const instance = createInstance();
      await instance.init({ lng, resources: { [lng]: { translation: resources } } });
      translators[lng] = instance.t;
    }
  });

  const busy = new ApiError(503, { type: 'urn:konform:problem:database-busy', title: 'Service Unavailable', status: 503, code: 'database-busy', detail: 'The database is busy; nothing was changed. Try again shortly.' });
  const internal = new ApiError(500, { type: 'urn:konform:problem:internal', title: 'Internal Server Error', status: 500, code: 'internal', detail: 'An internal error occurred' });

  it('says in German that the database is busy and nothing was saved, and names a server error', () => {
    expect(errorMessage(busy, translators.de)).toBe(de.errors.databaseBusy);
    expect(errorMessage(busy, translators.de)).toMatch(/nichts gespeichert/);
    expect(errorMessage(internal, translators.de)).toBe(de.errors.server);
  });

  it('says the same in English', () => {
    expect(errorMessage(busy, translators.en)).toBe(en.errors.databaseBusy);
    expect(errorMessage(internal, translators.en)).toBe(en.errors.server);
  });

  it('says in both languages that an overloaded server did not start the request', () => {
    const serverBusy = new ApiError(503, { type: 'urn:konform:problem:server-busy', title: 'Service Unavailable', status: 503, code: 'server-busy', detail: 'The server is busy; the request waited 15 s and was not started. Try again shortly.' });
    expect(errorMessage(serverBusy, translators.de)).toBe(de.errors.serverBusy);
    expect(errorMessage(serverBusy, translators.de)).toMatch(/ausgelastet/);
    expect(errorMessage(serverBusy, translators.en)).toBe(en.errors.serverBusy);
  });

  it('keeps the detail of other server problems, which say what to report', () => {
    const invalid = new ApiError(500, { type: 'urn:konform:problem:export-invalid', title: 'Internal Server Error', status: 500, code: 'export-invalid', detail: 'The BOM Konform wrote does not match the CycloneDX schema; please report this' });
    expect(errorMessage(invalid, translators.de)).toMatch(/please report this/);
  });
});

import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to port 8080, localhost and ./konform-data on SQLite', () => {
    const c = loadConfig({}, {});
    expect(c).toMatchObject({ port: 8080, host: 'localhost', dataDir: path.resolve('konform-data'), databaseUrl: undefined, secureCookies: 'auto', sessionHours: 12, sessionIdleMinutes: 30 });
  });

  it('lets flags win over the environment', () => {
    const c = loadConfig({ port: '9000', data: '/srv/k' }, { PORT: '7000', KONFORM_DATA_DIR: '/var/k', DATABASE_URL: 'postgres://x@h/db' });
    expect(c).toMatchObject({ port: 9000, dataDir: '/srv/k', databaseUrl: 'postgres://x@h/db' });
    expect(loadConfig({}, { PORT: '7000' }).port).toBe(7000);
  });

  it('reads secure-cookie settings, auto included', () => {
    expect(loadConfig({}, { KONFORM_SECURE_COOKIES: 'auto' }).secureCookies).toBe('auto');
    expect(loadConfig({}, { KONFORM_SECURE_COOKIES: 'true' }).secureCookies).toBe(true);
    expect(loadConfig({}, { KONFORM_SECURE_COOKIES: '0' }).secureCookies).toBe(false);
  });

  it('reads the EU AI Act timeline in force, unset by default', () => {
    expect(loadConfig({}, {}).aiActTimeline).toBeUndefined();
    expect(loadConfig({}, { KONFORM_AI_ACT_TIMELINE: ' published-2024 ' }).aiActTimeline).toBe('published-2024');
  });

  it('reads the evidence upload limit and default marking', () => {
    expect(loadConfig({}, {})).toMatchObject({ uploadLimitMb: 50, defaultMarking: 'offen' });
    expect(loadConfig({}, {})).toMatchObject({ smtpUrl: undefined, smtpFrom: 'konform@localhost', scheduler: true });
    expect(loadConfig({}, { KONFORM_SMTP_URL: 'smtp://mail:25', KONFORM_SCHEDULER: 'off' })).toMatchObject({ smtpUrl: 'smtp://mail:25', scheduler: false });
    expect(() => loadConfig({}, { KONFORM_SMTP_URL: 'http://user:secret@mail' })).toThrow(/^(?!.*secret).*KONFORM_SMTP_URL/);
    expect(loadConfig({}, { KONFORM_PUBLIC_URL: 'https://konform.example.org/' }).publicUrl).toBe('https://konform.example.org');
    expect(loadConfig({}, {}).publicUrl).toBeUndefined();
    expect(() => loadConfig({}, { KONFORM_PUBLIC_URL: 'konform.example.org' })).toThrow(/KONFORM_PUBLIC_URL/);
    expect(() => loadConfig({}, { KONFORM_PUBLIC_URL: 'https://user:pw@konform.example.org' })).toThrow(/KONFORM_PUBLIC_URL/);
    expect(loadConfig({}, { KONFORM_UPLOAD_LIMIT_MB: '200', KONFORM_DEFAULT_MARKING: 'vs-nfd' })).toMatchObject({ uploadLimitMb: 200, defaultMarking: 'VS-NfD' });
    expect(() => loadConfig({}, { KONFORM_UPLOAD_LIMIT_MB: '0' })).toThrow(/KONFORM_UPLOAD_LIMIT_MB/);
    expect(() => loadConfig({}, { KONFORM_DEFAULT_MARKING: 'geheim' })).toThrow(/KONFORM_DEFAULT_MARKING/);
  });

  it('reads the admission limits: 16 requests at once and 15 s of waiting by default', () => {
    expect(loadConfig({}, {})).toMatchObject({ maxActiveRequests: 16, maxActiveWrites: 10000, requestQueueSeconds: 15 });
    expect(loadConfig({}, { KONFORM_MAX_ACTIVE_WRITES: '8' })).toMatchObject({ maxActiveWrites: 8 });
    expect(() => loadConfig({}, { KONFORM_MAX_ACTIVE_WRITES: '0' })).toThrow(/KONFORM_MAX_ACTIVE_WRITES/);
    expect(loadConfig({}, { KONFORM_MAX_ACTIVE_REQUESTS: '40', KONFORM_REQUEST_QUEUE_SECONDS: '2.5' })).toMatchObject({ maxActiveRequests: 40, requestQueueSeconds: 2.5 });
    expect(() => loadConfig({}, { KONFORM_MAX_ACTIVE_REQUESTS: '0' })).toThrow(/KONFORM_MAX_ACTIVE_REQUESTS/);
    expect(() => loadConfig({}, { KONFORM_MAX_ACTIVE_REQUESTS: '1.5' })).toThrow(/KONFORM_MAX_ACTIVE_REQUESTS/);
    expect(() => loadConfig({}, { KONFORM_REQUEST_QUEUE_SECONDS: '601' })).toThrow(/KONFORM_REQUEST_QUEUE_SECONDS/);
  });

  it('refuses bad numbers with a message naming the setting', () => {
    expect(() => loadConfig({ port: 'abc' }, {})).toThrow(/Port/);
    expect(() => loadConfig({}, { PORT: '70000' })).toThrow(/65535/);
    expect(() => loadConfig({}, { KONFORM_SESSION_HOURS: 'lang' })).toThrow(/KONFORM_SESSION_HOURS/);
    expect(loadConfig({}, { PORT: '' }).port).toBe(8080);
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.js';
import { session, useSuite } from './support/suite.js';

/**
 * Webhooks (#11, point 4): the administrator allows the receiver's host → subscribes a URL (a warning for plain
 * http) → copies the secret shown once → sends a test event → the delivery log shows it delivered with HTTP 200; the
 * receiver started by this test verifies the signature with the copied secret.
 */
const suite = useSuite();
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let receiver: Server;
let receiverUrl: string;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/konform`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

describe('webhooks', () => {
  it('allows a host, subscribes a URL, copies the secret, sends a test event and shows it delivered', async () => {
    const base = suite.server.baseUrl;
    const { context, page, errors } = await session(suite, { email: suite.server.adminEmail, password: suite.server.adminPassword });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.goto(`${base}/systems`);
    // The administration navigation lists the page (the navigation is long: go there directly).
    expect(await page.getByRole('link', { name: 'Webhooks' }).getAttribute('href')).toBe('/webhooks');
    await page.goto(`${base}/webhooks`);
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByTestId('webhook-hosts-empty').waitFor();
    await expectAccessible(page, 'webhook page');

    await page.getByTestId('webhook-hosts').fill('127.0.0.1\n*.intranet.example:8443');
    await page.getByTestId('webhook-hosts-save').click();
    await page.getByText('Erlaubte Hosts gespeichert.').waitFor();
    await page.getByTestId('webhook-hosts-empty').waitFor({ state: 'detached' });

    await page.getByTestId('webhook-create').click();
    await page.getByTestId('webhook-url').fill('https://hooks.elsewhere.example/x');
    await page.getByTestId('webhook-event-system.created').check();
    await page.getByTestId('webhook-save').click();
    await page.getByText('Der Host dieser URL steht nicht auf der Liste erlaubter Hosts.').waitFor();
    await page.getByTestId('webhook-url').fill(receiverUrl);
    await page.getByTestId('webhook-http-warning').waitFor();
    await page.getByTestId('webhook-description').fill('Ticketsystem Referat 11');
    await page.getByTestId('webhook-event-incident.reported').check();
    await expectAccessible(page, 'webhook dialog');
    await page.screenshot({ path: '/tmp/konform-webhooks-dialog.png' });
    await page.getByTestId('webhook-save').click();

    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByTestId('webhook-secret-copy').click();
    await page.getByText('Kopiert').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expectAccessible(page, 'secret dialog');
    await page.screenshot({ path: '/tmp/konform-webhooks-secret.png' });
    await page.getByTestId('webhook-secret-done').click();
    const row = page.getByTestId('webhook-row').filter({ hasText: receiverUrl });
    await row.getByText('Noch keine').waitFor();
    await row.getByText('KI-System angelegt').waitFor();

    await row.getByTestId('webhook-ping').click();
    const log = page.getByTestId('webhook-log');
    await log.getByTestId('webhook-delivery').first().waitFor();
    const delivery = log.getByTestId('webhook-delivery').first();
    expect(await delivery.getByTestId('webhook-delivery-status').textContent()).toBe('Zugestellt · 200');
    await delivery.getByText('Testereignis (Ping)').waitFor();
    expect(await delivery.getByTestId('webhook-attempt').textContent()).toMatch(/^Versuch 1: .* · HTTP 200 · \d+ ms$/);
    await row.getByTestId('webhook-delivery-status').getByText('Zugestellt · 200').waitFor();

    // The receiver checks the signature with the copied secret.
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(r.headers['konform-event']).toBe('ping');
    const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${String(r.headers['konform-timestamp'])}.${r.body}`).digest('hex')}`);
    const given = Buffer.from(String(r.headers['konform-signature']));
    expect(given.length === expected.length && timingSafeEqual(given, expected)).toBe(true);
    expect(JSON.parse(r.body)).toMatchObject({ type: 'ping', entity: { type: 'webhook' } });

    await log.getByTestId('webhook-redeliver').first().click();
    await page.getByText('Erneut zugestellt: Zugestellt').waitFor();
    await log.getByText('Wiederholt eine frühere Zustellung').waitFor();
    expect(received).toHaveLength(2);
    await expectAccessible(page, 'delivery log');
    await page.screenshot({ path: '/tmp/konform-webhooks.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});

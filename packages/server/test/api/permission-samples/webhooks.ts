import type { MatrixContext, SampleFactory } from './context.js';

/** Webhooks (organisation-wide; webhook.manage): subscriptions, the host allow-list, deliveries. */
export function webhookSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const { actor } = ctx;
  // A closed local port: deliveries fail fast with a connection error, which still answers 200 with the log entry.
  const url = 'http://127.0.0.1:9/matrix';

  async function newWebhook() {
    await ctx.t.services.webhooks.updateSettings(actor, { allowedHosts: ['127.0.0.1'] });
    return ctx.t.services.webhooks.create(actor, { url, eventTypes: ['system.created'] });
  }
  async function newDelivery() {
    const hook = await newWebhook();
    return { hook, delivery: await ctx.t.services.webhooks.ping(actor, hook.id) };
  }

  return {
    'GET /api/webhooks/settings': async () => ({ method: 'GET', path: '/api/webhooks/settings' }),
    'PUT /api/webhooks/settings': async () => ({ method: 'PUT', path: '/api/webhooks/settings', body: { allowedHosts: ['127.0.0.1'] } }),
    'GET /api/webhooks': async () => ({ method: 'GET', path: '/api/webhooks' }),
    'POST /api/webhooks': async () => {
      await ctx.t.services.webhooks.updateSettings(actor, { allowedHosts: ['127.0.0.1'] });
      return { method: 'POST', path: '/api/webhooks', body: { url, eventTypes: ['risk.accepted'] } };
    },
    'GET /api/webhooks/:id': async () => ({ method: 'GET', path: `/api/webhooks/${(await newWebhook()).id}` }),
    'PATCH /api/webhooks/:id': async () => {
      const hook = await newWebhook();
      return { method: 'PATCH', path: `/api/webhooks/${hook.id}`, body: { version: hook.version, active: false } };
    },
    'DELETE /api/webhooks/:id': async () => ({ method: 'DELETE', path: `/api/webhooks/${(await newWebhook()).id}` }),
    'POST /api/webhooks/:id/rotate-secret': async () => {
      const hook = await newWebhook();
      return { method: 'POST', path: `/api/webhooks/${hook.id}/rotate-secret`, body: { version: hook.version } };
    },
    'POST /api/webhooks/:id/ping': async () => ({ method: 'POST', path: `/api/webhooks/${(await newWebhook()).id}/ping` }),
    'GET /api/webhooks/:id/deliveries': async () => ({ method: 'GET', path: `/api/webhooks/${(await newDelivery()).hook.id}/deliveries` }),
    'POST /api/webhooks/:id/deliveries/:deliveryId/redeliver': async () => {
      const { hook, delivery } = await newDelivery();
      return { method: 'POST', path: `/api/webhooks/${hook.id}/deliveries/${delivery.id}/redeliver` };
    },
  };
}

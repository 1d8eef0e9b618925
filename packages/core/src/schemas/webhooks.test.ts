import { describe, expect, it } from 'vitest';
import { WebhookHostPattern, WebhookUrl, webhookHostAllowed } from './webhooks.js';

describe('webhook allow-list', () => {
  const list = ['hooks.example.org', '*.intranet.example', 'ci.example.net:8443', '127.0.0.1'];

  it('matches exact names, sub-domains of wildcards, and ports', () => {
    expect(webhookHostAllowed(list, 'https://hooks.example.org/a')).toBe(true);
    expect(webhookHostAllowed(list, 'https://HOOKS.example.org:9000/a')).toBe(true);
    expect(webhookHostAllowed(list, 'https://evil-hooks.example.org/a')).toBe(false);
    expect(webhookHostAllowed(list, 'https://a.b.intranet.example/x')).toBe(true);
    expect(webhookHostAllowed(list, 'https://intranet.example/x')).toBe(false);
    expect(webhookHostAllowed(list, 'https://evilintranet.example/x')).toBe(false);
    expect(webhookHostAllowed(list, 'https://ci.example.net:8443/x')).toBe(true);
    expect(webhookHostAllowed(list, 'https://ci.example.net/x')).toBe(false);
    expect(webhookHostAllowed(list, 'http://127.0.0.1:3000/x')).toBe(true);
    expect(webhookHostAllowed(list, 'ftp://hooks.example.org/x')).toBe(false);
    expect(webhookHostAllowed([], 'https://hooks.example.org/a')).toBe(false);
    expect(webhookHostAllowed(list, 'not a url')).toBe(false);
  });

  it('validates patterns and URLs', () => {
    expect(WebhookHostPattern.parse(' Hooks.Example.org:443 ')).toBe('hooks.example.org:443');
    for (const bad of ['https://x.example', '*.', '*', 'a b', 'x.example/path', '**.x.example']) expect(WebhookHostPattern.safeParse(bad).success).toBe(false);
    expect(WebhookUrl.safeParse('https://user:pw@hooks.example.org/').success).toBe(false);
    expect(WebhookUrl.safeParse('javascript:alert(1)').success).toBe(false);
    expect(WebhookUrl.safeParse('https://hooks.example.org/x?y=1').success).toBe(true);
  });
});

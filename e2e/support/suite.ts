import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiFor } from './api.js';
import { launchBrowser, newContext, signIn, watchPageErrors } from './browser.js';
import { startTestServer, type TestServer } from './test-server.js';

export interface Suite {
  server: TestServer;
  browser: Browser;
}

/** One real server and one Chromium for the test file, started before its tests and stopped after them. */
export function useSuite(): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    suite.server = await startTestServer();
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** Arranges test data through the API as the administrator, in a context of its own that is closed afterwards. */
export async function asAdmin<T>(suite: Suite, arrange: (api: Awaited<ReturnType<typeof apiFor>>) => Promise<T>): Promise<T> {
  const context = await newContext(suite.browser);
  try {
    const page = await context.newPage();
    await signIn(page, suite.server.baseUrl, suite.server.adminEmail, suite.server.adminPassword);
    return await arrange(await apiFor(page, suite.server.baseUrl));
  } finally {
    await context.close();
  }
}

/** Signs a person in in a fresh context of their own; `errors` collects the page's script errors and CSP violations. */
export async function session(suite: Suite, person: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(suite.browser);
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await signIn(page, suite.server.baseUrl, person.email, person.password);
  return { context, page, errors };
}

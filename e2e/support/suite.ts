import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
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

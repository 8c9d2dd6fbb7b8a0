import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

export interface E2E {
  server: RunningServer;
  browser: Browser;
}

/**
 * A real server and a browser for the calling test file: started before its tests, closed after
 * them. The fields are set once the file's first beforeAll has run, so read them in tests and hooks.
 */
export function useServerAndBrowser(): E2E {
  const e2e = {} as E2E;
  beforeAll(async () => {
    e2e.server = await startServer();
    e2e.browser = await launchBrowser();
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.server?.close();
  });
  return e2e;
}

import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { currentTotp } from '../../src/features/accounts/totp';
import { projectRoot } from '../../src/platform/paths';

const AXE = path.join(projectRoot, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * axe-core on the page as it stands: the rule ids and targets of every violation. axe is injected
 * as a script, so the page's context must bypass the CSP.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: () => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

/**
 * Signs a first-time user in through the API in the browser's context and sets up their second
 * step (the sign-in pages have their own test).
 */
export async function signInAndEnrol(
  context: BrowserContext,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  const login = await context.request.post(`${baseUrl}/api/auth/login`, { data: { email, password } });
  expect(login.status()).toBe(200);
  const enrol = await context.request.post(`${baseUrl}/api/auth/enrolment`, { data: {} });
  const { secret } = (await enrol.json()) as { secret: string };
  const done = await context.request.post(`${baseUrl}/api/auth/enrolment/confirm`, {
    data: { code: currentTotp(secret) },
  });
  expect(done.status()).toBe(200);
}

import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { currentTotp, newTotpSecret } from '../../src/features/accounts/totp';
import { createUser } from '../../src/features/accounts/users';
import { insertHotline } from '../../src/features/hotlines/store';
import { systemActor } from '../../src/platform/audit/audit';
import type { Role } from '../../src/platform/auth/actor';
import type { RunningServer } from './server';

export const E2E_PASSWORD = 'a long enough password';

export interface BrowserUser {
  id: string;
  email: string;
  hotlineId: string;
  totpSecret: string;
}

/** An account with two-step sign-in already set up, as after its first sign-in. */
export async function createEnrolledUser(
  server: RunningServer,
  role: Role,
  options: { hotlineId?: string; displayName?: string; states?: string[] } = {},
): Promise<BrowserUser> {
  const hotlineId =
    options.hotlineId ??
    (await insertHotline(server.database.db, { name: `Hotline ${randomBytes(3).toString('hex')}` })).id;
  const email = `${role}-${randomBytes(4).toString('hex')}@example.org`;
  const user = await createUser(server.database.db, systemActor('cli:e2e', hotlineId), {
    hotlineId,
    email,
    displayName: options.displayName ?? `Test ${role}`,
    role,
    password: E2E_PASSWORD,
    states: options.states ?? (role === 'coordinator' ? ['MS'] : []),
  });
  const totpSecret = newTotpSecret();
  await server.database.db
    .updateTable('users')
    .set({ totp_secret: totpSecret, totp_enabled_at: new Date() })
    .where('id', '=', user.id)
    .execute();
  return { id: user.id, email, hotlineId, totpSecret };
}

/** Signs in through the real sign-in pages: email and password, then the authenticator code. */
export async function signInPage(
  browser: Browser,
  server: RunningServer,
  user: BrowserUser,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code', { exact: true }).fill(currentTotp(user.totpSecret));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('main#main').waitFor();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return { context, page };
}

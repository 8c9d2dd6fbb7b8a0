import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentTotp } from '../src/features/accounts/totp';
import { upsertChannel } from '../src/features/intake/channels';
import { insertHotline } from '../src/features/hotlines/store';
import { axeViolations } from './helpers/axe';
import { launchBrowser, watchPage } from './helpers/browser';
import { createEnrolledUser, E2E_PASSWORD, type BrowserUser } from './helpers/people';
import { startServer, type RunningServer } from './helpers/server';
import { textFromTwilio } from './helpers/twilio';

const NUMBER = '+16015550123';
const TOKEN = 'inbox-e2e-token';
const TEXTER = '+16015550177';

let server: RunningServer;
let browser: Browser;
let advocate: BrowserUser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const hotline = await insertHotline(server.database.db, { name: 'Inbox hotline' });
  await upsertChannel(server.database.db, { hotlineId: hotline.id, kind: 'webform', address: 'default' });
  await upsertChannel(server.database.db, {
    hotlineId: hotline.id,
    kind: 'text',
    address: NUMBER,
    twilioAuthToken: TOKEN,
  });
  advocate = await createEnrolledUser(server, 'advocate', { hotlineId: hotline.id });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Signs in through the real pages; axe is injected as a script, so the context bypasses the CSP. */
async function signIn(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Email').fill(advocate.email);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code', { exact: true }).fill(currentTotp(advocate.totpSecret));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return { context, page };
}

/** A text from the texter to the hotline's number, as Twilio delivers it. */
async function textIn(body: string, sid: string): Promise<void> {
  expect(await textFromTwilio(server.url, TOKEN, { sid, from: TEXTER, to: NUMBER, body })).toBe(200);
}

it('shows new signals live, filters by channel, opens a text and replies by text', async () => {
  await textIn('Someone took my passport at the farm', 'SMinboxe2e0001');
  const { context, page } = await signIn();
  const { problems } = watchPage(page);
  const violations: string[] = [];

  await page.goto(`${server.url}/console/inbox`);
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await page.locator('[data-live="on"]').waitFor();
  await page.getByText('Someone took my passport at the farm').waitFor();
  violations.push(...(await axeViolations(page)));

  // A report sent now appears in the open inbox without a reload (pushed over the live stream).
  const marker = await page.evaluate(() => performance.timeOrigin);
  const report = await fetch(`${server.url}/api/public/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      what: 'Live report: girls kept in a motel on Route 49',
      state: 'MS',
      danger: 'no',
    }),
  });
  expect(report.status).toBe(201);
  const webformRow = page.locator('tr[data-channel="webform"]', {
    hasText: 'Live report: girls kept in a motel on Route 49',
  });
  await webformRow.waitFor();
  expect(await page.evaluate(() => performance.timeOrigin)).toBe(marker);

  // Only texts.
  await page.getByLabel('Channel').selectOption('text');
  await page.getByRole('button', { name: 'Filter' }).click();
  await webformRow.waitFor({ state: 'detached' });
  const channels = await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.channel));
  expect(channels).toEqual(['text']);

  // Open the text and answer it on its channel: the development provider records the reply.
  await page.locator('tr[data-channel="text"]').getByRole('link').click();
  await page.getByText('Someone took my passport at the farm').waitFor();
  await page.getByLabel('Reply by Text').fill('We are here. Are you somewhere safe right now?');
  violations.push(...(await axeViolations(page)));
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText('Sent.').waitFor();
  const outbox = await server.database.db
    .selectFrom('intake_dev_outbox')
    .select(['channel', 'recipient', 'body'])
    .execute();
  expect(outbox).toEqual([
    { channel: 'text', recipient: TEXTER, body: 'We are here. Are you somewhere safe right now?' },
  ]);
  await page.getByText('We are here. Are you somewhere safe right now?').first().waitFor();

  expect(violations).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

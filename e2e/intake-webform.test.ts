import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentTotp } from '../src/features/accounts/totp';
import { createUser } from '../src/features/accounts/users';
import { insertHotline } from '../src/features/hotlines/store';
import { upsertChannel } from '../src/features/intake/channels';
import { systemActor } from '../src/platform/audit/audit';
import { launchBrowser, watchPage } from './helpers/browser';
import { startServer, type RunningServer } from './helpers/server';

let server: RunningServer;
let browser: Browser;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const hotline = await insertHotline(server.database.db, { name: 'Webform hotline' });
  await upsertChannel(server.database.db, { hotlineId: hotline.id, kind: 'webform', address: 'default' });
  await createUser(server.database.db, systemActor('cli:test', hotline.id), {
    hotlineId: hotline.id,
    email: 'advocate-webform@example.org',
    displayName: 'Advocate',
    role: 'advocate',
    password: PASSWORD,
    states: [],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Signs in over HTTP as the console does, enrolling the second factor, and lists the inbox. */
async function inboxPreviews(): Promise<string[]> {
  const call = async (path: string, body?: unknown, cookie?: string) =>
    fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookie ? { cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const login = await call('/api/auth/login', { email: 'advocate-webform@example.org', password: PASSWORD });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { secret } = (await (await call('/api/auth/enrolment', {}, cookie)).json()) as { secret: string };
  await call('/api/auth/enrolment/confirm', { code: currentTotp(secret) }, cookie);
  const res = await call('/api/signals?channel=webform', undefined, cookie);
  expect(res.status).toBe(200);
  const page = (await res.json()) as { signals: Array<{ preview: string }> };
  return page.signals.map((s) => s.preview);
}

async function fillReport(page: import('playwright-core').Page, what: string): Promise<void> {
  await page.getByLabel('What is happening?').fill(what);
  await page.getByLabel('State').selectOption('MS');
  await page.getByLabel('City or town').fill('Hattiesburg');
  await page.locator('#danger-group').getByLabel('Yes').check();
}

it('sends a report with JavaScript off: errors on the fields, then a reference code', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/report`);
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.locator('#what-error').waitFor();
  await fillReport(page, 'No-JS report: workers sleep in the restaurant');
  await page.getByRole('button', { name: 'Send report' }).click();
  const code = await page.locator('[data-reference-code]').textContent();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  expect(await page.locator('[data-secret]').textContent()).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]{5}$/);
  await expect.poll(() => page.getByText('call 911 now').count()).toBeGreaterThan(0);
  expect(await context.cookies()).toEqual([]);
  await context.close();
});

it('sends a report with JavaScript on without leaving the page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { problems } = watchPage(page);
  await page.goto(`${server.url}/es/report`);
  // The contact fields stay hidden until the person says it is safe to contact them.
  expect(await page.locator('#contact-details').isHidden()).toBe(true);
  await page.getByRole('button', { name: 'Enviar denuncia' }).click();
  await page.locator('.field-error[data-js]').first().waitFor();
  await page.getByLabel('¿Qué está pasando?').fill('JS report: una menor en un anuncio en línea');
  await page.locator('#danger-group').getByLabel('Sí').check();
  expect(await page.locator('#danger-callout').isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Enviar denuncia' }).click();
  await page.locator('#receipt[data-enhanced] [data-reference-code]').waitFor();
  expect(page.url()).toBe(`${server.url}/es/report`);
  expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
  await context.close();
});

it('sends a report on a hotline’s own form (/es/report/<slug>) to that hotline, with nothing from elsewhere', async () => {
  const coast = await insertHotline(server.database.db, { name: 'Coast hotline' });
  await upsertChannel(server.database.db, { hotlineId: coast.id, kind: 'webform', address: 'coast' });
  const context = await browser.newContext();
  const page = await context.newPage();
  const { problems } = watchPage(page);
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) elsewhere.push(r.url());
  });
  await page.goto(`${server.url}/es/report/coast`);
  expect(await page.locator('[data-quick-exit]').count()).toBe(1);
  await page.getByLabel('¿Qué está pasando?').fill('Coast report: trabajadores sin pago en el puerto');
  await page.getByRole('button', { name: 'Enviar denuncia' }).click();
  const code = await page.locator('#receipt[data-enhanced] [data-reference-code]').textContent();
  expect(page.url()).toBe(`${server.url}/es/report/coast`);
  const filed = await server.database.db
    .selectFrom('signals')
    .select('hotline_id')
    .where('reference_code', '=', code ?? '')
    .execute();
  expect(filed).toEqual([{ hotline_id: coast.id }]);
  expect(elsewhere).toEqual([]);
  expect(problems).toEqual([]);

  await page.goto(`${server.url}/report/no-such-form`);
  expect(await page.getByRole('heading', { name: 'There is no report form at this address' }).count()).toBe(
    1,
  );
  await context.close();
});

it('both reports are in the inbox', async () => {
  const previews = await inboxPreviews();
  expect(previews).toEqual(
    expect.arrayContaining([
      'No-JS report: workers sleep in the restaurant',
      'JS report: una menor en un anuncio en línea',
    ]),
  );
});

import { expect, it } from 'vitest';
import { createUser } from '../src/features/accounts/users';
import { insertHotline } from '../src/features/hotlines/store';
import { systemActor } from '../src/platform/audit/audit';
import { axeViolations, signInAndEnrol } from './helpers/axe';
import { watchPage } from './helpers/browser';
import { useServerAndBrowser } from './helpers/harness';
import { textFromTwilio } from './helpers/twilio';

const e2e = useServerAndBrowser();

const PASSWORD = 'a long enough password';
const TOKEN = 'console-token-0123456789abcdef0a1b';
const NEW_TOKEN = 'console-token-renewed-9876543210c3d4';

/** A text to the number as Twilio sends it, signed with `token`. */
const sms = (token: string, sid: string): Promise<number> =>
  textFromTwilio(e2e.server.url, token, { sid, from: '+16015550199', to: '+16015550123', body: 'help' });

it('an admin sets up a text number and an email address, changes the token and removes a channel, in English and Spanish', async () => {
  const db = e2e.server.database.db;
  const hotline = await insertHotline(db, { name: 'Delta Hotline' });
  await createUser(db, systemActor('cli:test', hotline.id), {
    hotlineId: hotline.id,
    email: 'ada@example.org',
    displayName: 'Ada Admin',
    role: 'admin',
    password: PASSWORD,
  });
  const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  await signInAndEnrol(context, e2e.server.url, 'ada@example.org', PASSWORD);
  const page = await context.newPage();
  const { problems } = watchPage(page);
  const violations: string[] = [];
  const check = async () => violations.push(...(await axeViolations(page)));

  await page.goto(`${e2e.server.url}/console`);
  await page.getByRole('navigation').getByRole('link', { name: 'Channels' }).click();
  await page.getByRole('heading', { name: 'Channels', level: 1 }).waitFor();
  await page.getByText('Texts to this number come in as signals').waitFor();
  await page.getByText(`${e2e.server.url}/hooks/twilio/sms`, { exact: true }).waitFor();
  await page.getByText(`${e2e.server.url}/hooks/twilio/voice/status`, { exact: true }).waitFor();
  await check();

  // A number that is not one: the message is on the field.
  await page.getByLabel('Kind').selectOption('text');
  await page.getByLabel('Address').fill('call us');
  await page.getByLabel('Twilio auth token').fill(TOKEN);
  await page.getByRole('button', { name: 'Add channel' }).click();
  await page.getByText('Enter a phone number like +15551234567').waitFor();
  expect(await page.getByLabel('Address').getAttribute('aria-invalid')).toBe('true');
  await check();

  await page.getByLabel('Address').fill('(601) 555-0123');
  await page.getByRole('button', { name: 'Add channel' }).click();
  await page.getByText('Channel +16015550123 added.').waitFor();
  const texts = page.getByRole('table', { name: 'Text messages (SMS)' });
  await texts.getByRole('cell', { name: '+16015550123', exact: true }).waitFor();
  await texts.getByRole('cell', { name: `set (ending ${TOKEN.slice(-4)})` }).waitFor();
  expect(await sms(TOKEN, 'SMe2e1')).toBe(200);

  await page.getByLabel('Kind').selectOption('email');
  await expect.poll(() => page.getByLabel('Twilio auth token').count()).toBe(0);
  await page.getByLabel('Address').fill('Tips@Delta.example.org');
  await page.getByRole('button', { name: 'Add channel' }).click();
  await page.getByText('Channel tips@delta.example.org added.').waitFor();

  // The hotline's own report form: the page shows where it is, and it is there at once.
  await page.getByLabel('Kind').selectOption('webform');
  await page.getByLabel('Address').fill('delta-clinic');
  await page.getByRole('button', { name: 'Add channel' }).click();
  await page.getByText('Channel delta-clinic added.').waitFor();
  await page
    .getByRole('table', { name: 'Webform' })
    .getByRole('cell', { name: '/report/delta-clinic', exact: true })
    .waitFor();
  expect((await fetch(`${e2e.server.url}/report/delta-clinic`)).status).toBe(200);

  // The same number for calls, ringing two advocates; one of them is not a number.
  await page.getByLabel('Kind').selectOption('phone');
  await page.getByLabel('Address').fill('+16015550123');
  await page.getByLabel('Advocates’ numbers to ring').fill('601-555-0111, ask Ana');
  await page.getByRole('button', { name: 'Add channel' }).click();
  await page.getByText('"ask Ana" is not a phone number like +15551234567').waitFor();
  await page.getByLabel('Advocates’ numbers to ring').fill('601-555-0111, +1 601 555 0112');
  await page.getByRole('button', { name: 'Add channel' }).click();
  await page.getByText('Channel +16015550123 added.').waitFor();
  await page
    .getByRole('table', { name: 'Phone calls' })
    .getByRole('cell', { name: '+16015550111, +16015550112' })
    .waitFor();
  await check();

  // A new token, keyboard only: the change button opens the form with the token field empty.
  const change = page.getByRole('button', { name: 'Change +16015550123 (texts)' });
  await change.focus();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { name: 'Change +16015550123 (texts)' });
  await heading.waitFor();
  expect(await heading.evaluate((h) => h === document.activeElement)).toBe(true);
  const tokenField = page.getByLabel('Twilio auth token');
  expect(await tokenField.inputValue()).toBe('');
  expect(await tokenField.getAttribute('type')).toBe('password');
  await page.getByText(`Set (ending ${TOKEN.slice(-4)}). Leave empty to keep it.`).waitFor();
  await check();
  await tokenField.fill(NEW_TOKEN);
  await page.keyboard.press('Enter');
  await page.getByText('Channel +16015550123 changed.').waitFor();
  await texts.getByRole('cell', { name: `set (ending ${NEW_TOKEN.slice(-4)})` }).waitFor();
  expect(await sms(TOKEN, 'SMe2e2')).toBe(403);
  expect(await sms(NEW_TOKEN, 'SMe2e3')).toBe(200);

  // Removing asks first; the focus moves to the question, and back when it is not confirmed.
  const removeEmail = page.getByRole('button', { name: 'Remove tips@delta.example.org (email)' });
  await removeEmail.click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => removeEmail.evaluate((b) => b === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  await page.getByText('Remove tips@delta.example.org? Signals that came in on it stay.').waitFor();
  expect(
    await page.getByRole('button', { name: 'Remove it' }).evaluate((b) => b === document.activeElement),
  ).toBe(true);
  await check();
  await page.keyboard.press('Enter');
  await page.getByText('Channel tips@delta.example.org removed. Its signals are kept.').waitFor();
  expect(await page.getByRole('table', { name: 'Email' }).count()).toBe(0);

  // The same page in Spanish.
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('heading', { name: 'Canales', level: 1 }).waitFor();
  await page.getByText('Los mensajes a este número llegan como señales').waitFor();
  await check();

  const html = await page.content();
  expect(html).not.toContain(TOKEN.slice(0, -4));
  expect(html).not.toContain(NEW_TOKEN.slice(0, -4));
  expect(violations).toEqual([]);
  // The two refused numbers are the only requests that failed.
  expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  expect(problems.filter((p) => /status of 400/.test(p))).toHaveLength(2);
  await context.close();
});

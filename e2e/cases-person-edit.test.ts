import { expect, it } from 'vitest';
import { createUser } from '../src/features/accounts/users';
import { buildSignal } from '../src/features/cases/testing/factories';
import { insertHotline } from '../src/features/hotlines/store';
import { systemActor } from '../src/platform/audit/audit';
import { axeViolations, signInAndEnrol } from './helpers/axe';
import { watchPage } from './helpers/browser';
import { useServerAndBrowser } from './helpers/harness';

const e2e = useServerAndBrowser();

const PASSWORD = 'a long enough password';

it('an advocate changes a person on the case page: a field error, fixed; a save after someone else’s is shown plainly', async () => {
  const db = e2e.server.database.db;
  const hotline = await insertHotline(db, { name: 'Delta Hotline' });
  await createUser(db, systemActor('cli:test', hotline.id), {
    hotlineId: hotline.id,
    email: 'eli@example.org',
    displayName: 'Eli Advocate',
    role: 'advocate',
    password: PASSWORD,
  });
  const signal = await buildSignal(db, { hotlineId: hotline.id, state: 'MS' });
  const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  await signInAndEnrol(context, e2e.server.url, 'eli@example.org', PASSWORD);
  const base = e2e.server.url;
  const opened = await context.request.post(`${base}/api/cases`, {
    data: { signalId: signal.id, summary: 'Farm workers kept in a trailer.' },
  });
  const kase = (await opened.json()) as { id: string };
  const added = await context.request.post(`${base}/api/cases/${kase.id}/persons`, {
    data: { role: 'other', fullName: 'Rosa Vidal', aliases: [] },
  });
  const person = (await added.json()) as { id: string };

  const page = await context.newPage();
  const { problems } = watchPage(page);
  const violations: string[] = [];
  const check = async () => violations.push(...(await axeViolations(page)));
  await page.goto(`${base}/console/cases/${kase.id}`);
  await page.getByRole('heading', { name: /^Case C-/ }).waitFor();

  // Keyboard only: reach the edit button, open the form, which takes the focus.
  await page.getByRole('button', { name: 'Edit Rosa Vidal' }).focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Change Rosa Vidal' });
  await expect
    .poll(() => form.getByLabel('Role', { exact: true }).evaluate((el) => el === document.activeElement))
    .toBe(true);
  await form.getByLabel('Role', { exact: true }).selectOption('victim');
  await form.getByLabel('Full name', { exact: true }).fill('Rosa Vidal Cruz');
  await form.getByLabel('Date of birth').fill('2999-01-01');
  await form.getByLabel('Phones (comma-separated)').fill('(601) 555-0177');
  await form.getByRole('button', { name: 'Save' }).click();
  const dob = form.getByLabel('Date of birth');
  await form.getByText('A date of birth cannot be in the future').waitFor();
  expect(await dob.getAttribute('aria-invalid')).toBe('true');
  await check(); // the form with its error
  await dob.fill('2009-05-01');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });
  const row = page.locator('li.person', { hasText: 'Rosa Vidal Cruz' });
  await row.getByText('Victim').waitFor();
  await row.getByText('Under 18').waitFor();
  await row.getByText('+16015550177').waitFor();
  await check();

  // Someone else saves the same person first; this save is refused and says so.
  await page.getByRole('button', { name: 'Edit Rosa Vidal Cruz' }).click();
  const again = page.getByRole('form', { name: 'Change Rosa Vidal Cruz' });
  const elsewhere = await context.request.put(`${base}/api/cases/${kase.id}/persons/${person.id}`, {
    data: { version: 2, fullName: 'Rosa Vidal Cruz', birthDate: '2009-05-01', nationality: 'Honduras' },
  });
  expect(elsewhere.status()).toBe(200);
  await again.getByLabel('Nationality').fill('Guatemala');
  await again.getByRole('button', { name: 'Save' }).click();
  await again.getByText(/Someone else saved this person/).waitFor();
  await check();
  await again.getByRole('button', { name: 'Reload case' }).click();
  await page.locator('li.person', { hasText: 'Honduras' }).waitFor();

  // Escape closes the form without saving; Spanish has its own words for it.
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('button', { name: 'Editar a Rosa Vidal Cruz' }).click();
  const es = page.getByRole('form', { name: 'Cambiar a Rosa Vidal Cruz' });
  await es.getByLabel('Fecha de nacimiento').fill('2999-01-01');
  await es.getByRole('button', { name: 'Guardar' }).click();
  await es.getByText('La fecha de nacimiento no puede ser futura').waitFor();
  await check();
  await page.keyboard.press('Escape');
  await es.waitFor({ state: 'detached' });

  expect(violations).toEqual([]);
  // The 400s answer the dates of birth in the future; the 409, the save after someone else's.
  expect(problems.filter((p) => !/status of (400|409)/.test(p))).toEqual([]);
  await context.close();
}, 120_000);

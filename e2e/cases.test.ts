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

it('an advocate triages a webchat, opens a sex-trafficking case with a minor victim, attaches a text, works a task and closes the case', async () => {
  const db = e2e.server.database.db;
  const hotline = await insertHotline(db, { name: 'Gulf Coast Hotline' });
  await createUser(db, systemActor('cli:test', hotline.id), {
    hotlineId: hotline.id,
    email: 'ava@example.org',
    displayName: 'Ava Advocate',
    role: 'advocate',
    password: PASSWORD,
  });
  const chat = await buildSignal(db, {
    hotlineId: hotline.id,
    channel: 'webchat',
    state: 'MS',
    content: {
      messages: [
        { from: 'visitor', text: 'My niece is 16. A man called Dee sells her at the Magnolia Inn.' },
      ],
    },
  });
  const text = await buildSignal(db, {
    hotlineId: hotline.id,
    channel: 'text',
    state: 'MS',
    content: { body: 'Saw Jasmine again at the Magnolia Inn last night.' },
  });

  // axe is injected as a script; the console's CSP allows only its own files, so the test context bypasses it.
  const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  await signInAndEnrol(context, e2e.server.url, 'ava@example.org', PASSWORD);
  const page = await context.newPage();
  const { problems } = watchPage(page);
  const violations: string[] = [];
  const check = async () => violations.push(...(await axeViolations(page)));

  // Triage the webchat.
  await page.goto(`${e2e.server.url}/console/triage`);
  await page.getByRole('heading', { name: 'Signals to triage' }).waitFor();
  await check();
  await page.getByRole('link', { name: chat.referenceCode }).click();
  await page.getByText('A man called Dee sells her').waitFor();
  await page.getByLabel('Why is the person contacting the hotline?').selectOption('report');
  await page
    .getByRole('group', { name: /trade sex for money/ })
    .getByLabel('Yes')
    .check();
  await page.getByLabel('Age of the youngest person in commercial sex (if known)').fill('16');
  await page
    .getByRole('group', { name: /take or control their money/ })
    .getByLabel('Yes')
    .check();
  await page
    .getByText('A person under 18 in commercial sex: always sex trafficking, high indicators.')
    .waitFor();
  await expect.poll(() => page.getByLabel('Trafficking type').inputValue()).toBe('sex');
  await expect.poll(() => page.getByLabel('Indicator level').inputValue()).toBe('high');
  await check();
  await page.getByRole('button', { name: 'Save screening' }).click();
  await page.getByRole('heading', { name: 'Next: a case' }).waitFor();
  await page.getByLabel('Case summary').fill('Minor sold at a motel by a man called Dee.');
  await page.getByRole('button', { name: 'Open a case' }).click();

  // The case page: a minor victim, a named trafficker, a hotel.
  await page.getByRole('heading', { name: /^Case C-/ }).waitFor();
  const caseUrl = page.url();
  const caseId = caseUrl.split('/').pop()!;
  await page.getByRole('button', { name: 'Add a person' }).click();
  const personForm = page.getByRole('form', { name: 'Add a person' });
  await personForm.getByLabel('Full name', { exact: true }).fill('Jasmine Carter');
  await personForm.getByLabel('Age', { exact: true }).fill('16');
  await personForm.getByLabel('Date of birth').fill('2999-01-01');
  await personForm.getByRole('button', { name: 'Add' }).click();
  await personForm.getByText('A date of birth cannot be in the future').waitFor(); // the field says what is wrong
  await personForm.getByLabel('Date of birth').fill('');
  await personForm.getByRole('button', { name: 'Add' }).click();
  await page.getByText('Jasmine Carter').waitFor();
  await page.getByRole('button', { name: 'Add a person' }).click();
  await personForm.getByLabel('Role', { exact: true }).selectOption('trafficker');
  await personForm.getByLabel('Full name', { exact: true }).fill('Darnell Price');
  await personForm.getByLabel('Aliases (comma-separated)').fill('Dee');
  await personForm.getByRole('button', { name: 'Add' }).click();
  await page.getByText('Darnell Price').waitFor();
  const business = page.getByRole('form', { name: 'Add a business' });
  await business.getByLabel('Name', { exact: true }).fill('Magnolia Inn');
  await business.getByLabel('Typology', { exact: true }).selectOption('hotels_hospitality');
  await business.getByLabel('State', { exact: true }).selectOption('MS');
  await business.getByRole('button', { name: 'Add a business' }).click();
  await page.getByText('Magnolia Inn', { exact: true }).waitFor();
  const location = page.getByRole('form', { name: 'Add a location' });
  await location.getByLabel('Venue type', { exact: true }).selectOption('hotel_motel');
  await location.getByLabel('Address', { exact: true }).fill('12 Pine St');
  await location.getByLabel('City', { exact: true }).fill('Jackson');
  await location.getByLabel('County', { exact: true }).fill('Hinds');
  await location.getByLabel('State', { exact: true }).selectOption('MS');
  await location.getByRole('button', { name: 'Add a location' }).click();
  await page.getByText('12 Pine St, Jackson, Hinds, MS').waitFor();
  await check();

  // A second signal, from a text, attached through search.
  await page.goto(`${e2e.server.url}/console/triage/${text.id}`);
  await page.getByText('Saw Jasmine again').waitFor();
  await page.getByLabel('Why is the person contacting the hotline?').selectOption('report');
  await page
    .getByRole('group', { name: /trade sex for money/ })
    .getByLabel('Yes')
    .check();
  await page
    .getByRole('group', { name: /Could anyone in commercial sex be under 18/ })
    .getByLabel('Yes')
    .check();
  await page.getByRole('button', { name: 'Save screening' }).click();
  await page
    .getByLabel('Name, alias, phone, email, business, address or case reference')
    .fill('Jasmin Carter');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('button', { name: /^Attach to C-/ }).click();
  await page.getByText('Attached to the case.').waitFor();
  await check();

  // A task, added and done; then closing.
  await page.goto(caseUrl);
  await page.getByRole('heading', { name: /^Case C-/ }).waitFor();
  await expect.poll(() => page.locator('a', { hasText: text.referenceCode }).count()).toBeGreaterThan(0);
  const taskForm = page.getByRole('form', { name: 'Add task' });
  await taskForm.getByLabel('Task', { exact: true }).fill('Call child protective services');
  await taskForm.getByRole('button', { name: 'Add task' }).click();
  await page.getByRole('button', { name: /Mark done.*Call child protective services/ }).click();
  await page.locator('.tasks li.done', { hasText: 'Call child protective services' }).waitFor();

  await page.getByLabel('Move to').selectOption('closed');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByText('Say why the case is closing').waitFor();
  // A minor victim in Mississippi makes reports mandatory: file them as the advocate would.
  const reports = await context.request.get(`${e2e.server.url}/api/cases/${caseId}/required-reports`);
  if (reports.status() === 200) {
    for (const r of (
      (await reports.json()) as { reports: Array<{ id: string; version: number; status: string }> }
    ).reports) {
      if (r.status !== 'due') continue;
      const filed = await context.request.post(`${e2e.server.url}/api/required-reports/${r.id}/file`, {
        data: {
          filedAt: new Date().toISOString(),
          method: 'phone',
          filedTo: 'Intake line',
          version: r.version,
        },
      });
      expect(filed.status()).toBe(200);
    }
  }
  await page.getByLabel('Reason for closing').selectOption('services_provided');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.locator('.case-head .badge', { hasText: 'Closed' }).waitFor();
  await page.getByText('Case closed').first().waitFor();
  await check();
  await page.screenshot({ path: 'test-results/case-page.png', fullPage: true });

  // Search, my tasks and the list, also in Spanish.
  await page.goto(`${e2e.server.url}/console/cases/search`);
  await page.getByLabel('Name, alias, phone, email, business, address or case reference').fill('Dee');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('cell', { name: 'Darnell Price' }).waitFor();
  await check();
  await page.goto(`${e2e.server.url}/console/cases/tasks`);
  await page.getByRole('heading', { name: 'My tasks' }).waitFor();
  await check();
  await page.goto(`${e2e.server.url}/console/cases`);
  await page
    .locator('.filters label', { hasText: /^Status/ })
    .locator('select')
    .selectOption('closed');
  await page.getByRole('link', { name: /^C-/ }).waitFor();
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('heading', { name: 'Casos' }).waitFor();
  await check();

  expect(violations).toEqual([]);
  // The two 400s are the answers to the deliberately wrong date of birth and the close without a reason.
  expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  expect(problems.filter((p) => /status of 400/.test(p))).toHaveLength(2);
  await context.close();
}, 240_000);

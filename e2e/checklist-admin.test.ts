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

it('an admin rewords a question and adds one, publishes, and an advocate triages with the new version', async () => {
  const db = e2e.server.database.db;
  const hotline = await insertHotline(db, { name: 'Gulf Coast Hotline' });
  for (const [email, role] of [
    ['ada@example.org', 'admin'],
    ['ava@example.org', 'advocate'],
  ] as const) {
    await createUser(db, systemActor('cli:test', hotline.id), {
      hotlineId: hotline.id,
      email,
      displayName: role === 'admin' ? 'Ada Admin' : 'Ava Advocate',
      role,
      password: PASSWORD,
    });
  }
  const signal = await buildSignal(db, {
    hotlineId: hotline.id,
    channel: 'text',
    state: 'MS',
    content: { body: 'A recruiter on Instagram promised my sister a job at a spa.' },
  });

  // A signal screened under the shipped checklist, before the hotline adapts it.
  const screenedBefore = await buildSignal(db, { hotlineId: hotline.id, channel: 'webform', state: 'MS' });
  await db
    .insertInto('signal_screenings')
    .values({
      hotline_id: hotline.id,
      signal_id: screenedBefore.id,
      checklist_version: '2026.1',
      answers: JSON.stringify({ purpose: 'information', danger_now: 'no', sign_injuries: 'yes' }),
      suggested_category: 'general_information',
      suggested_trafficking_type: 'not_specified',
      suggested_indicator_level: 'none',
      reasons: '[]',
      category: 'general_information',
      trafficking_type: 'not_specified',
      indicator_level: 'none',
    })
    .execute();

  // axe is injected as a script; the console's CSP allows only its own files, so the test context bypasses it.
  const admin = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  await signInAndEnrol(admin, e2e.server.url, 'ada@example.org', PASSWORD);
  const page = await admin.newPage();
  const { problems } = watchPage(page);
  const violations: string[] = [];
  const check = async () => violations.push(...(await axeViolations(page)));

  await page.goto(`${e2e.server.url}/console`);
  await page.getByRole('navigation').getByRole('link', { name: 'Screening checklist' }).click();
  await page.getByRole('heading', { name: 'Current version: 2026.1' }).waitFor();
  await check();

  // Reword the danger question (keyboard only: the edit button opens its fields).
  const edit = page.getByRole('button', { name: 'Edit: Is someone in immediate danger?' });
  await edit.focus();
  await page.keyboard.press('Enter');
  const done = page.getByRole('button', { name: 'Done: Is someone in immediate danger?' });
  expect(await done.getAttribute('aria-expanded')).toBe('true');
  await page.getByText('Feeds the suggestion (immediate_danger)').waitFor();
  await page.getByLabel('Question in English').fill('Is anyone in danger right now?');
  await page.getByLabel('Question in Spanish').fill('¿Alguien corre peligro ahora mismo?');
  await page.getByLabel('Help text in English').fill('Ask this first, before any details.');
  await page.getByLabel('Help text in Spanish').fill('Pregunte esto primero, antes de los detalles.');
  await check();
  await page.getByRole('button', { name: 'Done: Is anyone in danger right now?' }).click();

  // Add a question of the hotline's own.
  await page.getByRole('button', { name: 'Add a question' }).click();
  await page.getByLabel('Question in English').fill('Was the person recruited online?');
  await page.getByLabel('Question in Spanish').fill('¿Se reclutó a la persona en línea?');
  await page.getByLabel('Kind of answer').selectOption('yes_no');
  await page.getByLabel('Domain').selectOption('fraud');
  expect(await page.getByLabel('Short name (letters, digits and _)').inputValue()).toBe(
    'was_the_person_recruited_online',
  );
  await page.getByLabel('Short name (letters, digits and _)').fill('recruited_online');

  // Publishing without a note: the message is on the field.
  await page.getByRole('button', { name: 'Publish the new version' }).click();
  await page.getByText('Say what changed and why').waitFor();
  await check();

  // Preview, then publish.
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('heading', { name: 'Preview: what advocates will see' });
  await preview.waitFor();
  await page.getByRole('group', { name: 'Was the person recruited online?' }).waitFor();
  await page.getByText('Ask this first, before any details.').waitFor();
  await check();
  await page.getByLabel('What changed and why').fill('Plainer danger question; ask about online recruitment');
  await page.getByRole('button', { name: 'Publish the new version' }).click();
  await page.getByText('Version 2026.1-h1 published. Triage uses it from now on.').waitFor();
  await page.getByRole('heading', { name: 'Current version: 2026.1-h1' }).waitFor();
  await page.getByRole('cell', { name: 'Plainer danger question; ask about online recruitment' }).waitFor();
  await check();

  // The same page in Spanish.
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('heading', { name: 'Lista de evaluación' }).waitFor();
  await check();
  await page.getByRole('button', { name: 'English' }).click();

  // An advocate triages a signal: the reworded question, its help and the new question are there.
  const advocate = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  await signInAndEnrol(advocate, e2e.server.url, 'ava@example.org', PASSWORD);
  const triage = await advocate.newPage();
  const advocateProblems = watchPage(triage).problems;
  await triage.goto(`${e2e.server.url}/console/triage/${signal.id}`);
  await triage.getByRole('heading', { name: 'Screening checklist (version 2026.1-h1)' }).waitFor();
  await triage.getByText('Ask this first, before any details.').waitFor();
  await triage.getByLabel('Why is the person contacting the hotline?').selectOption('report');
  await triage
    .getByRole('group', { name: 'Is anyone in danger right now?' })
    .getByLabel('No', { exact: true })
    .check();
  await triage.getByRole('group', { name: 'Was the person recruited online?' }).getByLabel('Yes').check();
  violations.push(...(await axeViolations(triage)));
  await triage.getByRole('button', { name: 'Save screening' }).click();
  await triage.getByText('Screening saved.').waitFor();

  // The earlier screening still shows the questions it was answered under, and can be answered again.
  await triage.goto(`${e2e.server.url}/console/triage/${screenedBefore.id}`);
  await triage.getByRole('heading', { name: 'Screening checklist (version 2026.1)' }).waitFor();
  await triage.getByRole('group', { name: 'Is someone in immediate danger?' }).waitFor();
  expect(await triage.getByRole('group', { name: 'Was the person recruited online?' }).count()).toBe(0);
  violations.push(...(await axeViolations(triage)));
  await triage.getByRole('button', { name: 'Answer again with version 2026.1-h1' }).click();
  await triage.getByRole('heading', { name: 'Screening checklist (version 2026.1-h1)' }).waitFor();
  await expect
    .poll(() =>
      triage
        .getByRole('group', { name: 'Is anyone in danger right now?' })
        .getByLabel('No', { exact: true })
        .isChecked(),
    )
    .toBe(true);

  const saved = await db
    .selectFrom('signal_screenings')
    .select(['checklist_version', 'answers'])
    .where('signal_id', '=', signal.id)
    .executeTakeFirstOrThrow();
  expect(saved).toMatchObject({
    checklist_version: '2026.1-h1',
    answers: { recruited_online: 'yes', danger_now: 'no' },
  });
  expect(violations).toEqual([]);
  // The one 400 is the publish without a note.
  expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  expect(problems.filter((p) => /status of 400/.test(p))).toHaveLength(1);
  expect(advocateProblems).toEqual([]);
  await admin.close();
  await advocate.close();
});

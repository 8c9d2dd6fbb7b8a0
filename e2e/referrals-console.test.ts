import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createUser } from '../src/features/accounts/users';
import { importRecords, readHsds } from '../src/features/directory/import-export';
import { insertHotline } from '../src/features/hotlines/store';
import { buildCase } from '../src/features/referrals/test-factories';
import { systemActor } from '../src/platform/audit/audit';
import type { Role } from '../src/platform/auth/actor';
import { projectRoot } from '../src/platform/paths';
import { signInAndEnrol } from './helpers/axe';
import { watchPage } from './helpers/browser';
import { useServerAndBrowser } from './helpers/harness';

const SAMPLE = path.join(projectRoot, 'src', 'features', 'directory', 'fixtures', 'sample.json');
const PASSWORD = 'a long enough password';

const e2e = useServerAndBrowser();
beforeAll(async () => {
  await e2e.server.database.db.transaction().execute((trx) => importRecords(trx, readHsds(SAMPLE)));
});

async function signedInContext(hotlineId: string, role: Role): Promise<BrowserContext> {
  const email = `${role}-${Math.random().toString(16).slice(2)}@example.org`;
  await createUser(e2e.server.database.db, systemActor('cli:test', hotlineId), {
    hotlineId,
    email,
    displayName: `Test ${role}`,
    role,
    password: PASSWORD,
    states: [],
  });
  const context = await e2e.browser.newContext({ baseURL: e2e.server.url });
  await signInAndEnrol(context, e2e.server.url, email, PASSWORD);
  return context;
}

it('an advocate refers from a case, files its report, and a supervisor waives the other in Spanish', async () => {
  const hotline = await insertHotline(e2e.server.database.db, { name: 'Console referral hotline' });
  const kase = await buildCase(e2e.server.database.db, {
    hotlineId: hotline.id,
    states: ['MS'],
    victims: [{ givenName: 'Ana', familyName: 'Minor', ageYears: 15, languages: ['en'] }],
  });

  const advocate = await signedInContext(hotline.id, 'advocate');
  const page = await advocate.newPage();
  const { problems } = watchPage(page);
  await page.goto(`/console/referrals/case/${kase.id}`);
  await page.getByRole('heading', { name: new RegExp(`Refer from case ${kase.referenceCode}`) }).waitFor();
  await page.getByLabel('Kind of help').selectOption('counseling');
  await page.getByRole('checkbox', { name: /Youth counseling/ }).check();
  await page.getByLabel('The person agreed to this referral').check();
  await page.getByRole('checkbox', { name: 'Given name' }).check();
  await page.getByRole('button', { name: 'Send referral' }).click();
  await page.getByRole('status').filter({ hasText: 'Referral sent.' }).waitFor();
  await page.locator('.plain-list li').filter({ hasText: 'Youth counseling' }).getByText('Sent').waitFor();

  const cps = page.locator('.plain-list li').filter({ hasText: 'child protective services' });
  await cps.getByLabel('How').selectOption('online_form');
  await cps.getByLabel('To whom').fill('reportabuse.mdcps.ms.gov');
  await cps.getByLabel('Reference number').fill('MS-2026-1');
  await cps.getByRole('button', { name: 'Record as filed' }).click();
  await cps.getByText('Filed', { exact: true }).waitFor();
  expect(problems).toEqual([]);

  const supervisor = await signedInContext(hotline.id, 'supervisor');
  const sp = await supervisor.newPage();
  await sp.goto('/console/required-reports');
  await sp.getByRole('button', { name: 'Español' }).click();
  await sp.getByRole('heading', { name: 'Denuncias obligatorias' }).waitFor();
  const item = sp.locator('.plain-list li').filter({ hasText: kase.referenceCode });
  await expect.poll(() => item.count()).toBe(1);
  await item.getByLabel('Motivo de la dispensa').fill('Protección infantil informa al coordinador');
  await item.getByRole('button', { name: 'Dispensar' }).click();
  await sp.getByText('No hay nada pendiente.').waitFor();

  const reports = await e2e.server.database.db
    .selectFrom('required_reports')
    .select(['rule_id', 'status'])
    .where('case_id', '=', kase.id)
    .execute();
  expect(Object.fromEntries(reports.map((r) => [r.rule_id, r.status]))).toEqual({
    'ms-cps-minor': 'filed',
    'ms-coordinator-minor': 'waived',
  });
  await advocate.close();
  await supervisor.close();
});

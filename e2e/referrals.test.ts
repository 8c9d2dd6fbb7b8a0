import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { expect, it } from 'vitest';
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
const SHELTER_ORG = '8615f271-0619-555d-a4bc-651991cde7db';
const PASSWORD = 'a long enough password';

const e2e = useServerAndBrowser();

/** Signs a new person in through the API inside a browser context, so the page shares the cookie. */
async function signedInContext(
  hotlineId: string,
  role: Role,
  organisationId?: string,
): Promise<BrowserContext> {
  const email = `${role}-${Math.random().toString(16).slice(2)}@example.org`;
  const user = await createUser(e2e.server.database.db, systemActor('cli:test', hotlineId), {
    hotlineId,
    email,
    displayName: `Test ${role}`,
    role,
    password: PASSWORD,
    states: [],
  });
  if (organisationId) {
    await e2e.server.database.db
      .updateTable('users')
      .set({ partner_organisation_id: organisationId })
      .where('id', '=', user.id)
      .execute();
  }
  const context = await e2e.browser.newContext({ baseURL: e2e.server.url });
  await signInAndEnrol(context, e2e.server.url, email, PASSWORD);
  return context;
}

it('a partner sees only the referral sent to its organisation, with only what was shared, and accepts it', async () => {
  const db = e2e.server.database.db;
  await db.transaction().execute((trx) => importRecords(trx, readHsds(SAMPLE)));
  const services = await db.selectFrom('directory_service_index').select(['service_id', 'name']).execute();
  const shelter = services.find((s) => s.name === 'Emergency shelter for survivors')!.service_id;
  const legal = services.find((s) => s.name === 'Immigration and criminal record relief')!.service_id;
  const hotline = await insertHotline(db, { name: 'Referral test hotline' });
  const kase = await buildCase(db, {
    hotlineId: hotline.id,
    states: ['MS'],
    victims: [{ givenName: 'Rosa', familyName: 'Hidden', ageYears: 24, languages: ['es'] }],
  });

  const advocate = await signedInContext(hotline.id, 'advocate');
  const sent = await advocate.request.post(`/api/cases/${kase.id}/referrals`, {
    data: {
      personId: kase.victimIds[0],
      serviceIds: [shelter, legal],
      consent: { method: 'verbal' },
      sharedFields: ['given_name', 'languages'],
      message: 'Prefers Spanish.',
    },
  });
  expect(sent.status()).toBe(201);
  const referrals = ((await sent.json()) as { referrals: Array<{ id: string; serviceId: string }> })
    .referrals;
  const toLegal = referrals.find((r) => r.serviceId === legal)!;

  const partner = await signedInContext(hotline.id, 'partner', SHELTER_ORG);
  const page = await partner.newPage();
  const { problems } = watchPage(page);
  await page.goto('/console/partner/referrals');
  await page.getByRole('heading', { name: 'Referrals to your organisation' }).waitFor();
  const item = page.getByRole('listitem', { name: 'Emergency shelter for survivors' });
  await item.getByText('Rosa').waitFor();
  await item.getByText('Prefers Spanish.').waitFor();
  expect(await page.locator('main .plain-list > li').count()).toBe(1);
  expect(await page.content()).not.toContain('Hidden');
  expect(await page.content()).not.toContain('Immigration and criminal record relief');

  await item.getByRole('button', { name: 'Accept' }).click();
  await item.getByText('Accepted').waitFor();
  await item.getByRole('button', { name: 'Mark completed' }).waitFor();

  // The referral to another organisation does not exist for this partner.
  expect((await partner.request.get(`/api/partner/referrals/${toLegal.id}`)).status()).toBe(404);
  expect((await partner.request.post(`/api/partner/referrals/${toLegal.id}/accept`)).status()).toBe(404);

  const status = await db
    .selectFrom('referrals')
    .select(['id', 'status'])
    .where('case_id', '=', kase.id)
    .execute();
  expect(status.find((r) => r.id === toLegal.id)!.status).toBe('sent');
  expect(status.filter((r) => r.status === 'accepted')).toHaveLength(1);
  expect(problems).toEqual([]);
  await partner.close();
  await advocate.close();
});

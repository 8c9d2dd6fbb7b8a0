import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkPerson } from '../src/features/linkage/service';
import { systemActor } from '../src/platform/audit/audit';
import { launchBrowser, watchPage } from './helpers/browser';
import { createEnrolledUser, signInPage } from './helpers/people';
import { startServer, type RunningServer } from './helpers/server';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function addPerson(
  hotlineId: string,
  person: { given_name: string; family_name: string; age_years?: number },
): Promise<string> {
  const { id } = await server.database.db
    .insertInto('persons')
    .values({ ...person, hotline_id: hotlineId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await server.database.db
    .transaction()
    .execute((trx) => linkPerson(trx, { hotlineId, who: systemActor('cli:e2e', hotlineId) }, id));
  return id;
}

const clusterOf = async (id: string) =>
  (
    await server.database.db
      .selectFrom('persons')
      .select('cluster_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).cluster_id;

it('an advocate confirms one suggested pair, undoes the merge, and rejects another', async () => {
  const advocate = await createEnrolledUser(server, 'advocate');
  const john = await addPerson(advocate.hotlineId, { given_name: 'John', family_name: 'Smith' });
  const jon = await addPerson(advocate.hotlineId, { given_name: 'Jon', family_name: 'Smith', age_years: 30 });
  const lucia = await addPerson(advocate.hotlineId, { given_name: 'Lucia', family_name: 'Perez' });
  const luciaAccent = await addPerson(advocate.hotlineId, {
    given_name: 'Lucía',
    family_name: 'Pérez',
    age_years: 25,
  });

  const { context, page } = await signInPage(browser, server, advocate);
  const { problems } = watchPage(page);
  await page.getByRole('link', { name: 'Possible matches' }).click();
  await page.getByRole('heading', { name: 'Possible matches' }).waitFor();
  const rows = page.locator('table.data tbody tr');
  await expect.poll(() => rows.count()).toBe(2);

  // Confirm the Smith pair: it links, and the link can be undone.
  await rows.filter({ hasText: 'Smith' }).getByRole('button', { name: 'Review' }).click();
  await page.getByRole('heading', { name: 'Why Waymark thinks so' }).waitFor();
  await page.getByRole('img', { name: /Weight each comparison/ }).waitFor();
  await page.getByRole('button', { name: 'Same — link them' }).click();
  await page.getByRole('status').filter({ hasText: 'Linked' }).waitFor();
  expect(await clusterOf(john)).not.toBeNull();
  expect(await clusterOf(john)).toBe(await clusterOf(jon));
  await page.screenshot({ path: 'test-results/linkage-review.png' });
  await page.getByRole('button', { name: 'Undo this link' }).click();
  await page.getByRole('status').filter({ hasText: 'Link undone' }).waitFor();
  expect(await clusterOf(john)).toBeNull();

  // Reject the Pérez pair: they stay apart and leave the queue.
  await rows.filter({ hasText: 'Perez' }).getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Different — keep apart' }).click();
  await page.getByRole('status').filter({ hasText: 'Kept apart' }).waitFor();
  await page.getByText('Nothing to review.').waitFor();
  expect(await clusterOf(lucia)).toBeNull();
  expect(await clusterOf(luciaAccent)).toBeNull();

  expect(problems).toEqual([]);
  await context.close();
});

import { beforeAll, expect, it } from 'vitest';
import { loadDemo } from '../src/features/imports/demo/load-demo';
import { spotlight } from '../src/features/statistics/spotlight';
import { insertHotline } from '../src/features/hotlines/store';
import { systemActor } from '../src/platform/audit/audit';
import { watchPage } from './helpers/browser';
import { createEnrolledUser, signInPage } from './helpers/people';
import { useServerAndBrowser } from './helpers/harness';

const e2e = useServerAndBrowser();
let hotlineId: string;
beforeAll(async () => {
  hotlineId = (await insertHotline(e2e.server.database.db, { name: 'Statistics hotline' })).id;
  await loadDemo(e2e.server.database.db, {
    seed: 2019,
    years: [2019],
    states: ['MS', 'MO'],
    scale: 1,
    hotlineId,
    who: systemActor('cli:e2e', hotlineId),
  });
});

it('an analyst reads the Mississippi 2019 Spotlight as figures, charts and tables', async () => {
  const analyst = await createEnrolledUser(e2e.server, 'analyst', { hotlineId });
  const expected = await spotlight(e2e.server.database.db, {
    hotlineId,
    state: 'MS',
    from: '2019-01-01',
    to: '2019-12-31',
    asOf: new Date().toISOString().slice(0, 10),
  });
  const { context, page } = await signInPage(e2e.browser, e2e.server, analyst);
  const { problems } = watchPage(page);
  await page.getByRole('link', { name: 'Statistics' }).click();
  await page.getByLabel('State').selectOption('MS');
  await page.getByLabel('Year').fill('2019');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('heading', { name: /Mississippi · 2019-01-01/ }).waitFor();
  const victims = page.locator('.figure', { hasText: 'Victims identified' }).locator('.number');
  expect(await victims.textContent()).toBe(expected.victimsIdentified.toLocaleString('en-US'));
  await page.getByRole('img', { name: 'Cases by type of trafficking' }).waitFor();
  await page.getByRole('img', { name: 'Substantive signals by channel' }).waitFor();
  await page
    .getByRole('row', { name: /Sex trafficking/ })
    .getByText(String(expected.cases.sex))
    .waitFor();
  await page.screenshot({ path: 'test-results/statistics-spotlight.png', fullPage: true });

  await page.getByRole('button', { name: 'Ranking of states' }).click();
  await page.getByRole('img', { name: /Cases per 100,000 residents/ }).waitFor();
  await page.getByRole('button', { name: 'Trends' }).click();
  await page.getByRole('img', { name: 'Cases and victims by year' }).waitFor();
  expect(problems).toEqual([]);
  await context.close();
});

it('a coordinator for Mississippi is offered Mississippi only, and no national ranking', async () => {
  const coordinator = await createEnrolledUser(e2e.server, 'coordinator', { hotlineId, states: ['MS'] });
  const { context, page } = await signInPage(e2e.browser, e2e.server, coordinator);
  await page.getByRole('link', { name: 'Statistics' }).click();
  await page.getByRole('heading', { name: /Mississippi/ }).waitFor();
  const options = await page.getByLabel('State').locator('option').allTextContents();
  expect(options).toEqual(['Mississippi']);
  expect(await page.getByRole('button', { name: 'Ranking of states' }).count()).toBe(0);
  // The API refuses what the page does not offer.
  const mo = await page.evaluate(() =>
    fetch('/api/reports/spotlight?state=MO&year=2019').then((r) => r.status),
  );
  expect(mo).toBe(403);
  await context.close();
});

import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importRecords, readHsds } from '../src/features/directory/import-export';
import { projectRoot } from '../src/platform/paths';
import { watchPage } from './helpers/browser';
import { useServerAndBrowser } from './helpers/harness';

const AXE = path.join(projectRoot, 'node_modules', 'axe-core', 'axe.min.js');
const PAGES = ['/', '/signs', '/how-to-report', '/avoid', '/help', '/help?state=MS&need=legal'];
const ALL = PAGES.flatMap((p) => [p, p === '/' ? '/es' : `/es${p}`]);

interface AxeResult {
  violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
}

const e2e = useServerAndBrowser();
beforeAll(async () => {
  // Services in the directory, so that find-help pages are checked with results on them.
  const sample = path.join(projectRoot, 'src', 'features', 'directory', 'fixtures', 'sample.json');
  await e2e.server.database.db.transaction().execute((trx) => importRecords(trx, readHsds(sample)));
});

describe.each([
  ['JavaScript on', true],
  ['JavaScript off', false],
])('public pages with %s', (_label, javaScriptEnabled) => {
  it.each(ALL)('%s: no axe violations, and every request is same-origin', async (url) => {
    // bypassCSP lets the test inject axe; the pages themselves load nothing inline.
    const context = await e2e.browser.newContext({ javaScriptEnabled, bypassCSP: true });
    const page = await context.newPage();
    const { problems } = watchPage(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(e2e.server.url + url, { waitUntil: 'load' });
    await page.locator('[data-quick-exit]').waitFor();

    // axe runs in the page; with JavaScript off it is run from a fresh context on the same HTML.
    let target = page;
    if (!javaScriptEnabled) {
      const html = await page.content();
      const checker = await e2e.browser.newContext({ javaScriptEnabled: true });
      target = await checker.newPage();
      await target.route('**/*', (route) =>
        route.request().url() === `${e2e.server.url}/__axe`
          ? route.fulfill({ body: html, contentType: 'text/html' })
          : route.continue(),
      );
      target.on('request', (r) => requests.push(r.url()));
      await target.goto(`${e2e.server.url}/__axe`);
    }
    await target.addScriptTag({ path: AXE });
    const result = await target.evaluate(
      async () =>
        await (window as unknown as { axe: { run: (o: object) => Promise<AxeResult> } }).axe.run({
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        }),
    );
    const violations = result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(violations).toEqual([]);

    const foreign = requests.filter((r) => new URL(r).origin !== e2e.server.url);
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
    if (target !== page) await target.context().close();
    await context.close();
  });
});

it('the find-help form works without JavaScript (a plain GET form)', async () => {
  const context = await e2e.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${e2e.server.url}/es/help`);
  await page.getByLabel('Estado').selectOption('MS');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await page.waitForURL(/\/es\/help\?state=MS/);
  await page.getByRole('heading', { level: 1, name: 'Buscar ayuda' }).waitFor();
  await page.getByRole('heading', { level: 3, name: 'Youth counseling' }).waitFor();
  await context.close();
});

import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createUser } from '../src/features/accounts/users';
import { insertHotline } from '../src/features/hotlines/store';
import { signInOverHttp } from '../src/features/webchat/test-client';
import { createDatabase, startServerProcess, type ServerProcess } from '../src/features/webchat/test-servers';
import { systemActor } from '../src/platform/audit/audit';
import { openDatabase, type Database } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';
import { startCluster, type Cluster } from '../test/pg-cluster';
import { launchBrowser, watchPage } from './helpers/browser';

// Two Waymark processes need one PostgreSQL between them; on the PGlite run this file brings its own.
let cluster: Cluster | undefined;
let database: Database;
let visitorServer: ServerProcess;
let advocateServer: ServerProcess;
let browser: Browser;
let slug: string;
let advocateCookie: string;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  const base = inject('pgUrl') ?? (cluster = await startCluster()).url;
  const url = await createDatabase(base, `waymark_chat_${randomBytes(5).toString('hex')}`);
  database = await openDatabase({ dataDir: '', databaseUrl: url, maxConnections: 2 });
  await migrate(database.db);
  const hotline = await insertHotline(database.db, { name: 'Gulf Coast Hotline' });
  slug = hotline.slug;
  await createUser(database.db, systemActor('cli:test', hotline.id), {
    hotlineId: hotline.id,
    email: 'ada@example.org',
    displayName: 'Ada Advocate',
    role: 'advocate',
    password: PASSWORD,
    states: [],
  });
  // One after the other: the first creates what a fresh database needs (background jobs' schema).
  visitorServer = await startServerProcess(url);
  advocateServer = await startServerProcess(url);
  advocateCookie = await signInOverHttp(advocateServer.url, 'ada@example.org', PASSWORD);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([visitorServer?.stop(), advocateServer?.stop()]);
  await database?.close();
  cluster?.stop();
});

it('a visitor on one server and an advocate on another chat in real time, and the visitor leaves nothing behind', async () => {
  const visitorContext = await browser.newContext();
  visitorContext.setDefaultTimeout(20_000);
  const visitor = await visitorContext.newPage();
  const visitorProblems = watchPage(visitor).problems;
  await visitor.goto(`${visitorServer.url}/chat?h=${slug}`);
  await visitor.getByLabel('State you are asking about').selectOption('MS');
  await visitor.getByLabel('No').check();
  await visitor.getByText('If you are in danger, call 911').waitFor();
  await visitor.getByLabel('Yes').check();
  await visitor.getByRole('button', { name: 'Start chat' }).click();
  await visitor.getByText('You are number 1 in line').waitFor();

  const advocateContext = await browser.newContext();
  advocateContext.setDefaultTimeout(20_000);
  const [name, value] = advocateCookie.split('=') as [string, string];
  await advocateContext.addCookies([
    { name, value, url: advocateServer.url, httpOnly: true, sameSite: 'Strict' },
  ]);
  const advocate = await advocateContext.newPage();
  const advocateProblems = watchPage(advocate).problems;
  await advocate.goto(`${advocateServer.url}/console/webchat`);
  await advocate.getByRole('heading', { name: 'Webchat' }).waitFor();
  const row = advocate.getByRole('row').filter({ hasText: 'MS' });
  await row.getByRole('button', { name: 'Accept' }).click();
  await advocate.getByRole('heading', { name: /^Signal / }).waitFor();
  await visitor.getByText('An advocate has joined').waitFor();

  await visitor.getByLabel('Your message').fill('I need to talk to someone about my job');
  await advocate.getByText('The visitor is typing…').waitFor();
  await visitor.getByRole('button', { name: 'Send' }).click();
  await advocate.getByRole('log').getByText('I need to talk to someone about my job').waitFor();

  await advocate.getByLabel('Reply').fill('I am here. Are you somewhere safe to talk?');
  await visitor.getByText('The advocate is typing…').waitFor();
  await advocate.getByRole('button', { name: 'Send' }).click();
  await visitor.getByRole('log').getByText('I am here. Are you somewhere safe to talk?').waitFor();

  // A reload (a dropped connection) brings the same chat back from this tab's sessionStorage.
  await visitor.reload();
  await visitor.getByText('You are back in your chat.').waitFor();
  await visitor.getByRole('log').getByText('I need to talk to someone about my job').waitFor();
  await visitor.getByRole('log').getByText('I am here. Are you somewhere safe to talk?').waitFor();
  expect(await visitor.evaluate(() => window.sessionStorage.length)).toBe(1);

  await visitor.getByRole('button', { name: 'End chat' }).click();
  await visitor.getByText('The chat has ended').waitFor();
  expect(await visitor.evaluate(() => window.sessionStorage.length)).toBe(0);
  await advocate.getByText('This chat has ended (visitor).').waitFor();

  // Quick exit mid-chat also clears the tab: coming back shows a fresh start, not the chat.
  await visitorContext.route('https://www.weather.gov/**', (r) => r.fulfill({ body: 'weather' }));
  const second = await visitorContext.newPage();
  await second.goto(`${visitorServer.url}/es/chat?h=${slug}`);
  await second.getByLabel('Sí').check();
  await second.getByRole('button', { name: 'Empezar el chat' }).click();
  await second.getByText('Usted es el número 1 en la fila').waitFor();
  expect(await second.evaluate(() => window.sessionStorage.length)).toBe(1);
  await second.keyboard.press('Escape');
  await second.waitForURL('https://www.weather.gov/**');
  await second.goto(`${visitorServer.url}/es/chat?h=${slug}`);
  await second.getByRole('button', { name: 'Empezar el chat' }).waitFor();
  expect(await second.evaluate(() => window.sessionStorage.length)).toBe(0);

  // The transcript is the hotline's signal.
  const lines = await database.db
    .selectFrom('signal_messages')
    .innerJoin('signals', 'signals.id', 'signal_messages.signal_id')
    .select(['signal_messages.direction', 'signals.channel'])
    .where('signals.channel', '=', 'webchat')
    .execute();
  expect(lines.map((l) => l.direction)).toEqual(['in', 'out']);

  await visitor.screenshot({ path: 'test-results/webchat-visitor.png' });
  await advocate.screenshot({ path: 'test-results/webchat-advocate.png' });
  expect(visitorProblems).toEqual([]);
  expect(advocateProblems).toEqual([]);
  await visitorContext.close();
  await advocateContext.close();
}, 180_000);

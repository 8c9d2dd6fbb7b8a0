import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createUser } from '../src/features/accounts/users';
import { insertHotline } from '../src/features/hotlines/store';
import { MATCH_CAP } from '../src/features/search/matches';
import { systemActor } from '../src/platform/audit/audit';
import { axeViolations, signInAndEnrol } from './helpers/axe';
import { watchPage } from './helpers/browser';
import { useServerAndBrowser } from './helpers/harness';

const e2e = useServerAndBrowser();

const PASSWORD = 'a long enough password';

it('a name that more people share than a search ranks shows its best matches and asks to narrow it', async () => {
  const db = e2e.server.database.db;
  const hotline = await insertHotline(db, { name: 'Gulf Coast Hotline' });
  const advocate = await createUser(db, systemActor('cli:test', hotline.id), {
    hotlineId: hotline.id,
    email: 'ava@example.org',
    displayName: 'Ava Advocate',
    role: 'advocate',
    password: PASSWORD,
  });
  // One case with more people named Maria something than a search ranks (inserted directly: the
  // API would take minutes), and one Ottilie Marchbanks.
  const { id: caseId } = await db
    .insertInto('cases')
    .values({
      hotline_id: hotline.id,
      reference_code: 'C-2026-00E2E1',
      summary: 'Farm crew',
      trafficking_type: 'labor',
      indicator_level: 'moderate',
      status: 'open',
      identified_at: new Date(),
      created_by: advocate.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into persons (hotline_id, full_name, search_names)
            select ${hotline.id}::uuid, 'Maria ' || n, 'maria ' || lower(n)
              from generate_series(1, ${MATCH_CAP + 50}) i,
                   lateral (select (array['Lopez','Cruz','Silva','Reyes','Vega'])[1 + i % 5] as n) x
            union all select ${hotline.id}::uuid, 'Ottilie Marchbanks', 'ottilie marchbanks'`.execute(db);
  await sql`insert into case_persons (case_id, person_id, hotline_id, role)
            select ${caseId}, id, hotline_id, 'victim' from persons where hotline_id = ${hotline.id}`.execute(
    db,
  );

  const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  await signInAndEnrol(context, e2e.server.url, 'ava@example.org', PASSWORD);
  const page = await context.newPage();
  const { problems } = watchPage(page);
  const box = page.getByLabel('Name, alias, phone, email, business, address or case reference');

  await page.goto(`${e2e.server.url}/console/cases/search`);
  await box.fill('Maria');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page
    .getByText('More than 1,000 people match. Add a surname, a state or a phone number to narrow it.')
    .waitFor();
  await page.getByRole('cell', { name: 'C-2026-00E2E1' }).first().waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByText(/^Coinciden más de 1\.?000 personas\. Añada un apellido/).waitFor();
  expect(await axeViolations(page)).toEqual([]);

  // A narrower query: no notice.
  await page.getByRole('button', { name: 'English' }).click();
  await box.fill('Ottilie Marchbanks');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('cell', { name: 'Ottilie Marchbanks' }).waitFor();
  expect(await page.getByText('More than 1,000 people match.', { exact: false }).count()).toBe(0);
  expect(problems).toEqual([]);
  await context.close();
});

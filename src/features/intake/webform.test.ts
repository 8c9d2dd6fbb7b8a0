import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/audit/audit';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { upsertChannel } from './channels';
import { recordSignal } from './service';

let app: TestApp;
let hotlineId: string;

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const tokenIn = (page: string): string => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

async function signalCount(): Promise<number> {
  const row = await app.database.db
    .selectFrom('signals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hotline_id', '=', hotlineId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  app = await startTestApp();
  hotlineId = (await buildHotline(app)).id;
  // Tests share one database per file; name the hotline the form reports to.
  await upsertChannel(app.database.db, { hotlineId, kind: 'webform', address: 'default' });
});
afterAll(async () => app.close());

describe('recordSignal', () => {
  it('infers the state from the area code and is idempotent on the provider id', async () => {
    const input = {
      hotlineId,
      channel: 'text' as const,
      providerId: 'SM-infer-1',
      signaler: { phone: '(601) 555-0123' },
      content: {},
    };
    const who = systemActor('system:test', hotlineId);
    const first = await app.database.db.transaction().execute((trx) => recordSignal(trx, who, input));
    const again = await app.database.db.transaction().execute((trx) => recordSignal(trx, who, input));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ id: first.id, created: false });
    const row = await app.database.db
      .selectFrom('signals')
      .select(['state', 'state_inferred', 'reference_code'])
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'MS', state_inferred: true });
    expect(row.reference_code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  });
  it('makes one signal, and no stray signaler, when the same delivery arrives several times at once', async () => {
    const who = systemActor('system:test', hotlineId);
    const input = {
      hotlineId,
      channel: 'phone' as const,
      providerId: 'CA-race',
      signaler: { name: 'x' },
      content: {},
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.database.db.transaction().execute((trx) => recordSignal(trx, who, input)),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const stray = await sql<{ n: number }>`select count(*)::int as n from signalers s
      where s.hotline_id = ${hotlineId} and not exists (select 1 from signals x where x.signaler_id = s.id)`.execute(
      app.database.db,
    );
    expect(stray.rows[0]?.n).toBe(0);
  });
});

describe('the report form without JavaScript', () => {
  it('takes a report, shows a code and secret once, and a resend makes no second signal', async () => {
    const page = await app.http.inject({ method: 'GET', url: '/report' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    const token = tokenIn(page.body);
    const before = await signalCount();
    const payload = form({
      _csrf: token,
      what: 'Workers locked in a restaurant at night',
      state: 'MS',
      city: 'Jackson',
      danger: 'yes',
    });
    const post = () =>
      app.http.inject({
        method: 'POST',
        url: '/report',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      });
    const res = await post();
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('911');
    const code = /data-reference-code>([^<]+)</.exec(res.body)?.[1];
    const secret = /data-secret>([^<]+)</.exec(res.body)?.[1];
    expect(code).toBeDefined();
    const again = await post();
    expect(/data-reference-code>([^<]+)</.exec(again.body)?.[1]).toBe(code);
    expect(await signalCount()).toBe(before + 1);

    const add = (s: string) =>
      app.http.inject({
        method: 'POST',
        url: '/api/public/reports/additions',
        payload: { referenceCode: code, secret: s, more: 'They moved to another house' },
      });
    expect((await add('WRONG-WRONG-WRONG')).statusCode).toBe(404);
    expect((await add(secret ?? '')).statusCode).toBe(201);
  });

  it('re-shows the form with messages on the fields, and refuses a forged token', async () => {
    const page = await app.http.inject({ method: 'GET', url: '/es/report' });
    const res = await app.http.inject({
      method: 'POST',
      url: '/es/report',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: tokenIn(page.body), what: '', city: 'Biloxi', contactOk: 'yes' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="what-error"');
    expect(res.body).toContain('id="contactPhone-error"');
    expect(res.body).toContain('value="Biloxi"');
    const before = await signalCount();
    const forged = await app.http.inject({
      method: 'POST',
      url: '/report',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: '1.abc.def', what: 'x' }),
    });
    expect(forged.statusCode).toBe(403);
    expect(await signalCount()).toBe(before);
  });
});

describe('POST /api/public/reports', () => {
  it('answers 201 with a code, 400 with field paths, and keeps nothing from the honeypot', async () => {
    const ok = await app.http.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { what: 'A minor is being sold online', minors: 'yes' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ referenceCode: expect.any(String), secret: expect.any(String) });
    const bad = await app.http.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { what: '', state: 'Mississippi' },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad
      .json<{ error: { details: { fields: Array<{ path: string }> } } }>()
      .error.details.fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.what', 'body.state']));
    const before = await signalCount();
    const nowhere = await app.http.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { what: 'Someone is held at a farm', state: 'ZZ' },
    });
    expect(nowhere.statusCode).toBe(400);
    expect(
      nowhere.json<{ error: { details: { fields: Array<{ path: string }> } } }>().error.details.fields,
    ).toEqual([expect.objectContaining({ path: 'body.state' })]);
    expect(await signalCount()).toBe(before);
    const bot = await app.http.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { what: 'buy now', website: 'http://spam' },
    });
    expect(bot.statusCode).toBe(201);
    expect(await signalCount()).toBe(before);
    const big = await app.http.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { what: 'x'.repeat(70_000) },
    });
    expect(big.statusCode).toBe(413);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { as, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

it('an admin reads the audit trail of their own hotline only', async () => {
  const admin = await buildUser(app, { role: 'admin' });
  const other = await buildUser(app, { role: 'admin' });
  const cookie = await signIn(app, admin);
  await signIn(app, other);
  const r = await as(app, cookie)({ method: 'GET', url: '/api/audit?limit=200' });
  expect(r.statusCode).toBe(200);
  const events = r.json<{
    events: Array<{ action: string; actorUserId: string | null; ip: string | null }>;
  }>().events;
  expect(events.map((e) => e.action)).toEqual(
    expect.arrayContaining(['auth.login_password', 'auth.second_factor_enrolled', 'user.create']),
  );
  expect(events.every((e) => e.actorUserId !== other.id)).toBe(true);
  expect(events.find((e) => e.action === 'auth.login_password')?.ip).toBeTruthy();
});

it('reading the audit trail is itself audited', async () => {
  const admin = await buildUser(app, { role: 'admin' });
  const cookie = await signIn(app, admin);
  await as(app, cookie)({ method: 'GET', url: '/api/audit' });
  const r = await as(app, cookie)({ method: 'GET', url: '/api/audit?action=audit.read' });
  expect(r.json().events.length).toBeGreaterThanOrEqual(1);
});

it.each(['advocate', 'supervisor', 'analyst', 'coordinator', 'partner'] as const)(
  'a %s cannot read the audit log',
  async (role) => {
    const user = await buildUser(app, { role });
    const cookie = await signIn(app, user);
    const r = await as(app, cookie)({ method: 'GET', url: '/api/audit' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('forbidden');
  },
);

it('a visitor without a session gets 401', async () => {
  const r = await app.http.inject({ method: 'GET', url: '/api/audit' });
  expect(r.statusCode).toBe(401);
});

it('audit rows cannot be changed or removed', async () => {
  await buildUser(app, { role: 'admin' });
  const db = app.database.db;
  await expect(sql`update audit_events set action = 'forged'`.execute(db)).rejects.toThrow(/append-only/);
  await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(/append-only/);
  await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
});

it('the audit row commits with the work, or not at all', async () => {
  const before = await app.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  // A failed create (duplicate email) leaves neither a user nor an audit row.
  const admin = await buildUser(app, { role: 'admin' });
  const cookie = await signIn(app, admin);
  const mid = await app.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const r = await as(
    app,
    cookie,
  )({
    method: 'POST',
    url: '/api/users',
    payload: { email: admin.email, displayName: 'Dup', role: 'advocate', password: 'long enough password' },
  });
  expect(r.statusCode).toBe(409);
  const after = await app.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(after.n)).toBe(Number(mid.n));
  expect(Number(mid.n)).toBeGreaterThan(Number(before.n));
});

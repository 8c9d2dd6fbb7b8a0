import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  buildUser,
  cookieFrom,
  PASSWORD,
  signIn,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app';
import { currentTotp } from './totp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('signing in', () => {
  it('an advocate must set up two-step sign-in before reaching anything personal', async () => {
    const user = await buildUser(app, { role: 'advocate' });
    const login = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toEqual({ stage: 'enrol' });
    const cookie = cookieFrom(login);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);

    const early = await as(app, cookie)({ method: 'GET', url: '/api/users' });
    expect(early.statusCode).toBe(401);
    expect(early.json().error.code).toBe('enrolment_required');

    const enrol = await as(app, cookie)({ method: 'POST', url: '/api/auth/enrolment' });
    expect(enrol.statusCode).toBe(200);
    const { secret, qrSvg, uri } = enrol.json<{ secret: string; qrSvg: string; uri: string }>();
    expect(qrSvg).toContain('<svg');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);

    const wrong = await as(
      app,
      cookie,
    )({ method: 'POST', url: '/api/auth/enrolment/confirm', payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(401);
    const ok = await as(
      app,
      cookie,
    )({ method: 'POST', url: '/api/auth/enrolment/confirm', payload: { code: currentTotp(secret) } });
    expect(ok.statusCode).toBe(200);

    const session = await as(app, cookie)({ method: 'GET', url: '/api/auth/session' });
    expect(session.json()).toMatchObject({
      stage: 'complete',
      user: { email: user.email, role: 'advocate' },
    });
  });

  it('a wrong password gets the same answer as an unknown email', async () => {
    const user = await buildUser(app);
    const wrong = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'not the password' },
    });
    const unknown = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.org', password: 'x' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('locks an account after five failures, even against the right password', async () => {
    const user = await buildUser(app);
    for (let i = 0; i < 5; i++) {
      await app.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: `wrong ${i}` },
        remoteAddress: `10.9.0.${i}`,
      });
    }
    const right = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: PASSWORD },
      remoteAddress: '10.9.1.1',
    });
    expect(right.statusCode).toBe(401);
    const row = await app.database.db
      .selectFrom('users')
      .select(['failed_attempts', 'locked_until'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.failed_attempts).toBeGreaterThanOrEqual(5);
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now());
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await app.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'x@example.org', password: 'y' },
        remoteAddress: '10.8.8.8',
      });
      statuses.push(r.statusCode);
    }
    expect(statuses).toContain(429);
  });

  it('an admin resets a password and the old sessions end', async () => {
    const admin = await buildUser(app, { role: 'admin' });
    const staff = await buildUser(app, { role: 'supervisor', hotlineId: admin.hotlineId });
    const adminCookie = await signIn(app, admin);
    const staffCookie = await signIn(app, staff);
    expect((await as(app, staffCookie)({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);

    const reset = await as(
      app,
      adminCookie,
    )({
      method: 'POST',
      url: `/api/users/${staff.id}/reset-password`,
      payload: { password: 'a brand new password' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await as(app, staffCookie)({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    const relog = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: staff.email, password: 'a brand new password' },
    });
    expect(relog.statusCode).toBe(200);
    // The password the admin chose must be replaced before anything else.
    const relogCookie = cookieFrom(relog);
    const row = await app.database.db
      .selectFrom('users')
      .select('totp_secret')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow();
    const code = currentTotp(row.totp_secret!, Date.now() + 30_000);
    await as(app, relogCookie)({ method: 'POST', url: '/api/auth/second-factor', payload: { code } });
    const flagged = await as(app, relogCookie)({ method: 'GET', url: '/api/auth/session' });
    expect(flagged.json()).toMatchObject({ stage: 'complete', mustChangePassword: true });
    const wrong = await as(
      app,
      relogCookie,
    )({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'nope', newPassword: 'only i know this one' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].path).toBe('currentPassword');
    const changed = await as(
      app,
      relogCookie,
    )({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'a brand new password', newPassword: 'only i know this one' },
    });
    expect(changed.statusCode).toBe(200);
    const after = await as(app, relogCookie)({ method: 'GET', url: '/api/auth/session' });
    expect(after.json().mustChangePassword).toBe(false);
  });

  it('an admin cannot touch an account of another hotline: 404', async () => {
    const admin = await buildUser(app, { role: 'admin' });
    const stranger = await buildUser(app, { role: 'advocate' });
    const cookie = await signIn(app, admin);
    const r = await as(app, cookie)({ method: 'POST', url: `/api/users/${stranger.id}/revoke-sessions` });
    expect(r.statusCode).toBe(404);
    const list = await as(app, cookie)({ method: 'GET', url: '/api/users' });
    expect(list.json<{ users: Array<{ id: string }> }>().users.map((u) => u.id)).not.toContain(stranger.id);
  });

  it('signing out ends the session on the server', async () => {
    const user = await buildUser(app, { role: 'analyst' });
    const cookie = await signIn(app, user);
    expect((await as(app, cookie)({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    expect((await as(app, cookie)({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
  });
});

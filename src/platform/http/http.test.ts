import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { as, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import { onPostgres } from '../../../test/helpers/database';
import { loadConfig } from '../config';
import { createJobs } from '../jobs';
import { signedIn } from './policy';
import { defineRoute, type AnyRoute } from './route';
import { buildHttpServer } from './server';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('the HTTP surface', () => {
  it('reports health and which engine runs it', async () => {
    const r = await app.http.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      status: 'ok',
      database: onPostgres() ? 'postgres' : 'pglite',
      version: expect.any(String),
    });
  });

  it('answers malformed JSON with 400 and the one error shape', async () => {
    const r = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ error: { code: 'malformed_json', message: expect.any(String) } });
  });

  it('answers missing fields with 400 and their paths', async () => {
    const r = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'not-an-email' },
    });
    expect(r.statusCode).toBe(400);
    const paths = r.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });

  it('refuses a body over the limit with 413', async () => {
    const r = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('payload_too_large');
  });

  it('sends a strict Content-Security-Policy and other security headers', async () => {
    const r = await app.http.inject({ method: 'GET', url: '/api/health' });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['strict-transport-security']).toBeUndefined(); // served over http here
    // Every answer, an error too, carries the same headers.
    const missing = await app.http.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(csp);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a write that another site tries to make with the session', async () => {
    const admin = await buildUser(app, { role: 'admin' });
    const cookie = await signIn(app, admin);
    const r = await as(
      app,
      cookie,
    )({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: 'https://evil.example' },
    });
    expect(r.statusCode).toBe(403);
  });

  it('unknown API paths are 404 in the error shape, not the web app', async () => {
    const r = await app.http.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('not_found');
  });

  it('publishes an OpenAPI document naming every route and its policy', async () => {
    const r = await app.http.inject({ method: 'GET', url: '/api/docs' });
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/auth/login'].post['x-policy']).toMatch(/^public/);
    expect(doc.paths['/api/audit'].get['x-policy']).toContain('admin');
    expect(doc.paths['/api/users/{id}/reset-password'].post.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
    });
  });
});

describe('deny by default', () => {
  const services = () => ({
    database: app.database,
    config: loadConfig({}, { logLevel: 'silent' }),
    version: 'test',
    notifier: { subscribe: async () => async () => undefined, close: async () => undefined },
    jobs: createJobs(app.database),
    secrets: app.secrets,
  });

  it('a route without a policy cannot be registered', async () => {
    const route = {
      method: 'GET',
      url: '/api/x',
      summary: 'x',
      tags: [],
      audit: { kind: 'service' },
      response: z.object({}),
      handler: async () => ({}),
    };
    await expect(
      buildHttpServer({
        services: services(),
        routes: [route as unknown as AnyRoute],
        authenticate: async () => null,
        logger: false,
      }),
    ).rejects.toThrow(/no policy/);
  });

  it('a write cannot be declared unaudited', async () => {
    const route = defineRoute({
      method: 'POST',
      url: '/api/x',
      summary: 'x',
      tags: [],
      policy: signedIn('x', ['admin']),
      audit: { kind: 'not-personal', reason: 'none' },
      response: z.object({}),
      handler: async () => ({}),
    });
    await expect(
      buildHttpServer({
        services: services(),
        routes: [route],
        authenticate: async () => null,
        logger: false,
      }),
    ).rejects.toThrow(/must be audited/);
  });
});

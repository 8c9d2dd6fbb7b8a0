import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createWaymark } from '../../src/app';
import { currentTotp } from '../../src/features/accounts/totp';
import { createUser } from '../../src/features/accounts/users';
import { insertHotline } from '../../src/features/hotlines/store';
import { systemActor } from '../../src/platform/audit/audit';
import type { Role } from '../../src/platform/auth/actor';
import { loadConfig, type Config } from '../../src/platform/config';
import type { Database } from '../../src/platform/db/database';
import type { SecretBox } from '../../src/platform/secrets/box';
import { openTestDatabase } from './database';

export interface TestApp {
  http: FastifyInstance;
  database: Database;
  config: Config;
  /** The key the app seals stored secrets with (a key for this process only). */
  secrets: SecretBox;
  close(): Promise<void>;
}

export async function startTestApp(
  overrides: Partial<Config> = {},
  engine: { embedded?: boolean; url?: string } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(engine);
  const config = loadConfig({}, { logLevel: 'silent', dataDir: 'memory://', port: 0, ...overrides });
  const { http, services } = await createWaymark({ config, database, logger: false });
  await http.ready();
  return {
    http,
    database,
    config,
    secrets: services.secrets,
    close: async () => {
      await http.close();
      await database.close();
    },
  };
}

export const PASSWORD = 'correct horse battery staple';
const unique = (): string => randomBytes(4).toString('hex');

/** A hotline of its own for each test: no test sees another's rows. */
export async function buildHotline(
  app: TestApp,
  name = `Test hotline ${unique()}`,
): Promise<{ id: string; slug: string }> {
  return insertHotline(app.database.db, { name });
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  hotlineId: string;
}

export async function buildUser(
  app: TestApp,
  overrides: { role?: Role; hotlineId?: string; states?: string[]; email?: string } = {},
): Promise<TestUser> {
  const hotlineId = overrides.hotlineId ?? (await buildHotline(app)).id;
  const role = overrides.role ?? 'advocate';
  const email = overrides.email ?? `${role}-${unique()}@example.org`;
  const user = await createUser(app.database.db, systemActor('cli:test', hotlineId), {
    hotlineId,
    email,
    displayName: `Test ${role}`,
    role,
    password: PASSWORD,
    states: overrides.states ?? (role === 'coordinator' ? ['MS'] : []),
  });
  return { id: user.id, email, role, hotlineId };
}

export function cookieFrom(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'wm_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `wm_session=${c.value}`;
}

/** Signs in through the API as a person would: password, then enrolment or code from the authenticator. */
export async function signIn(app: TestApp, user: TestUser): Promise<string> {
  const login = await app.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password: PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const cookie = cookieFrom(login);
  const { stage } = login.json<{ stage: string }>();
  if (stage === 'enrol') {
    const enrol = await app.http.inject({ method: 'POST', url: '/api/auth/enrolment', headers: { cookie } });
    const { secret } = enrol.json<{ secret: string }>();
    const done = await app.http.inject({
      method: 'POST',
      url: '/api/auth/enrolment/confirm',
      headers: { cookie },
      payload: { code: currentTotp(secret) },
    });
    if (done.statusCode !== 200) throw new Error(`enrolment failed: ${done.body}`);
  }
  return cookie;
}

/** A signed-in request helper bound to one person's cookie. */
export function as(app: TestApp, cookie: string) {
  return (opts: InjectOptions): Promise<LightMyRequestResponse> =>
    app.http.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie } });
}

/**
 * Signs a test user in from an address of their own: the sign-in routes are rate limited per
 * address, and a test file signs in more people than one address may.
 */
import { currentTotp } from '../../accounts/totp';
import { as, cookieFrom, PASSWORD, type TestApp, type TestUser } from '../../../../test/helpers/app';

let n = 0;

export async function signInApart(app: TestApp, user: TestUser) {
  n += 1;
  const remoteAddress = `10.77.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  const login = await app.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    payload: { email: user.email, password: PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
  const cookie = cookieFrom(login);
  const enrol = await app.http.inject({
    method: 'POST',
    url: '/api/auth/enrolment',
    remoteAddress,
    headers: { cookie },
  });
  const { secret } = enrol.json<{ secret: string }>();
  const done = await app.http.inject({
    method: 'POST',
    url: '/api/auth/enrolment/confirm',
    remoteAddress,
    headers: { cookie },
    payload: { code: currentTotp(secret) },
  });
  if (done.statusCode !== 200) throw new Error(`enrolment failed: ${done.statusCode}`);
  return as(app, cookie);
}

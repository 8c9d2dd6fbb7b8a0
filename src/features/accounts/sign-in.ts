import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor';
import { requiresSecondFactor } from '../../platform/auth/actor';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { DB, UserRow } from '../../platform/db/schema';
import type { Queryable } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { verifyPassword } from './passwords';
import type { LoginResponse } from './schema';
import * as store from './store';
import { hashToken, newToken } from './tokens';
import { enrolmentFor, newTotpSecret, verifyTotp } from './totp';

export const SESSION_COOKIE = 'wm_session';
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** A session lasts a long shift at most, and ends after an hour without use. */
export const SESSION_HOURS = 12;
const IDLE_MINUTES = 60;

const badCredentials = (): AppError =>
  new AppError(
    'invalid_credentials',
    `The email or password is not right. After ${MAX_FAILURES} failed attempts an account is locked for ${LOCK_MINUTES} minutes.`,
  );

export function stageOf(
  user: Pick<UserRow, 'totp_enabled_at'>,
  sessionStage: 'password' | 'complete',
): LoginResponse['stage'] {
  if (sessionStage === 'complete') return 'complete';
  return user.totp_enabled_at ? 'second_factor' : 'enrol';
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function startSession(
  q: Queryable,
  user: UserRow,
  req: FastifyRequest,
  stage: 'password' | 'complete',
): Promise<string> {
  const token = newToken();
  await store.insertSession(q, {
    id: hashToken(token),
    userId: user.id,
    hotlineId: user.hotline_id,
    stage,
    ip: req.ip,
    userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + SESSION_HOURS * 3600 * 1000),
  });
  return token;
}

/** Checks the password; a failure is counted and audited before the 401 goes out. */
export async function logIn(
  db: Kysely<DB>,
  who: AuditActor,
  req: FastifyRequest,
  email: string,
  password: string,
): Promise<{ token: string; stage: LoginResponse['stage'] }> {
  const user = await store.findUserByEmail(db, email);
  const locked = !!user?.locked_until && user.locked_until > new Date();
  const ok = await verifyPassword(user?.password_hash, password);
  if (!user || !ok || locked || user.disabled_at) {
    const reason = !user
      ? 'unknown_email'
      : locked
        ? 'locked'
        : user.disabled_at
          ? 'disabled'
          : 'wrong_password';
    await db.transaction().execute(async (t) => {
      if (user && !locked) await store.recordFailure(t, user.id, MAX_FAILURES, LOCK_MINUTES);
      await recordAudit(
        t,
        { ...who, hotlineId: user?.hotline_id ?? null, userId: user?.id ?? null },
        {
          action: 'auth.login_failed',
          subjectType: 'user',
          subjectId: user?.id,
          details: { reason },
        },
      );
    });
    throw badCredentials();
  }
  const stage = requiresSecondFactor(user.role) || user.totp_enabled_at ? 'password' : 'complete';
  const token = await db.transaction().execute(async (t) => {
    await store.updateUser(t, user.id, { failed_attempts: 0, locked_until: null });
    await recordAudit(
      t,
      { ...who, hotlineId: user.hotline_id, userId: user.id },
      {
        action: 'auth.login_password',
        subjectType: 'user',
        subjectId: user.id,
      },
    );
    return startSession(t, user, req, stage);
  });
  return { token, stage: stageOf(user, stage) };
}

/** A code from the authenticator app, accepted once per 30-second step. Throws (after counting) when wrong. */
async function acceptCode(db: Kysely<DB>, who: AuditActor, user: UserRow, code: string): Promise<number> {
  const locked = !!user.locked_until && user.locked_until > new Date();
  const step = locked || !user.totp_secret ? null : verifyTotp(user.totp_secret, code);
  if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
    await db.transaction().execute(async (t) => {
      if (!locked) await store.recordFailure(t, user.id, MAX_FAILURES, LOCK_MINUTES);
      await recordAudit(t, who, {
        action: 'auth.second_factor_failed',
        subjectType: 'user',
        subjectId: user.id,
      });
    });
    throw new AppError(
      'invalid_credentials',
      locked
        ? `Too many wrong attempts. Try again in ${LOCK_MINUTES} minutes.`
        : 'That code is not right or was already used. Wait for the next code and try again.',
    );
  }
  return step;
}

export async function giveSecondFactor(
  db: Kysely<DB>,
  who: AuditActor,
  actor: Actor,
  code: string,
): Promise<void> {
  const user = await store.findUserById(db, actor.userId);
  if (!user?.totp_secret || !user.totp_enabled_at)
    throw new AppError('enrolment_required', 'Set up two-step sign-in first.');
  const step = await acceptCode(db, who, user, code);
  await db.transaction().execute(async (t) => {
    await store.updateUser(t, user.id, { totp_last_step: step, failed_attempts: 0, locked_until: null });
    await store.touchSession(t, actor.sessionId, { stage: 'complete' });
    await recordAudit(t, who, {
      action: 'auth.login_second_factor',
      subjectType: 'user',
      subjectId: user.id,
    });
  });
}

/** A fresh secret to scan, until the first code proves the app has it. */
export async function beginEnrolment(
  q: Queryable,
  actor: Actor,
): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const user = await store.findUserById(q, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'Please sign in.');
  if (user.totp_enabled_at)
    throw new AppError('conflict', 'Two-step sign-in is already set up for this account.');
  const secret = newTotpSecret();
  await store.updateUser(q, user.id, { totp_secret: secret });
  return { secret, ...(await enrolmentFor(secret, user.email)) };
}

export async function completeEnrolment(
  db: Kysely<DB>,
  who: AuditActor,
  actor: Actor,
  code: string,
): Promise<void> {
  const user = await store.findUserById(db, actor.userId);
  if (!user?.totp_secret)
    throw new AppError('bad_request', 'Start the set-up first: scan the code shown on the page.');
  if (user.totp_enabled_at)
    throw new AppError('conflict', 'Two-step sign-in is already set up for this account.');
  const step = await acceptCode(db, who, user, code);
  await db.transaction().execute(async (t) => {
    await store.updateUser(t, user.id, {
      totp_enabled_at: new Date(),
      totp_last_step: step,
      failed_attempts: 0,
    });
    await store.touchSession(t, actor.sessionId, { stage: 'complete' });
    await recordAudit(t, who, {
      action: 'auth.second_factor_enrolled',
      subjectType: 'user',
      subjectId: user.id,
    });
  });
}

/** The cookie to a person, or null. The router calls it before every route. */
export async function authenticate(db: Kysely<DB>, req: FastifyRequest): Promise<Actor | null> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const found = await store.findLiveSession(db, id);
  if (!found) return null;
  const { session, user } = found;
  const idleFor = Date.now() - session.last_seen_at.getTime();
  if (idleFor > IDLE_MINUTES * 60 * 1000) return null;
  // Writing on every request would contend on one row; once a minute is enough for the idle timeout.
  if (idleFor > 60 * 1000) await store.touchSession(db, id, {});
  return {
    userId: user.id,
    hotlineId: user.hotline_id,
    role: user.role,
    email: user.email,
    displayName: user.display_name,
    states: user.states,
    partnerOrganisationId: user.partner_organisation_id,
    sessionId: id,
    stage: session.stage,
    totpEnrolled: !!user.totp_enabled_at,
    locale: user.locale,
    mustChangePassword: user.must_change_password,
  };
}

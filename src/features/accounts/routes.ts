import { AppError } from '../../platform/errors';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { hotlineName } from '../hotlines/store';
import { verifyPassword } from './passwords';
import { accountPolicies as policies } from './policy';
import {
  ChangePasswordBody,
  CreateUserBody,
  EnrolmentResponse,
  IdParams,
  LoginBody,
  LoginResponse,
  Ok,
  ResetPasswordBody,
  SessionResponse,
  SetupBody,
  SetupStatus,
  TotpBody,
  UserList,
  UserSummary,
} from './schema';
import { completeSetup, setupNeeded } from './setup';
import {
  beginEnrolment,
  clearSessionCookie,
  completeEnrolment,
  giveSecondFactor,
  logIn,
  setSessionCookie,
  stageOf,
} from './sign-in';
import * as store from './store';
import {
  changeOwnPassword,
  createUser,
  resetPassword,
  resetSecondFactor,
  revokeSessions,
  summarise,
} from './users';

const LOGIN_RATE = { max: 10, timeWindow: '1 minute' };

export const accountRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Sign in with email and password; the answer says whether a second factor is needed',
    tags: ['accounts'],
    policy: policies.signIn,
    audit: { kind: 'service' },
    transaction: 'manual',
    rateLimit: LOGIN_RATE,
    body: LoginBody,
    response: LoginResponse,
    handler: async ({ body, who, req, reply, app }) => {
      const { token, stage } = await logIn(app.database.db, who, req, body.email, body.password);
      setSessionCookie(reply, token, app.config.secureCookies);
      return { stage };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/second-factor',
    summary: 'Finish signing in with the code from the authenticator app',
    tags: ['accounts'],
    policy: policies.midSignIn,
    audit: { kind: 'service' },
    transaction: 'manual',
    rateLimit: LOGIN_RATE,
    body: TotpBody,
    response: LoginResponse,
    handler: async ({ body, actor, who, app }) => {
      await giveSecondFactor(app.database.db, who, actor, body.code);
      return { stage: 'complete' as const };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/enrolment',
    summary: 'Start setting up two-step sign-in: a new secret and its QR code',
    tags: ['accounts'],
    policy: policies.midSignIn,
    audit: { kind: 'auto', action: 'auth.enrolment_started', subjectType: 'user' },
    response: EnrolmentResponse,
    handler: async ({ actor, trx }) => beginEnrolment(trx, actor),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/enrolment/confirm',
    summary: 'Confirm two-step sign-in with a first code; completes the sign-in',
    tags: ['accounts'],
    policy: policies.midSignIn,
    audit: { kind: 'service' },
    transaction: 'manual',
    rateLimit: LOGIN_RATE,
    body: TotpBody,
    response: LoginResponse,
    handler: async ({ body, actor, who, app }) => {
      await completeEnrolment(app.database.db, who, actor, body.code);
      return { stage: 'complete' as const };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/auth/session',
    summary: 'Who is signed in, and how far',
    tags: ['accounts'],
    policy: policies.midSignIn,
    audit: { kind: 'not-personal', reason: "the caller's own account" },
    response: SessionResponse,
    handler: async ({ actor, trx }) => ({
      stage: stageOf({ totp_enabled_at: actor.totpEnrolled ? new Date() : null }, actor.stage),
      mustChangePassword: actor.mustChangePassword,
      user: {
        id: actor.userId,
        email: actor.email,
        displayName: actor.displayName,
        role: actor.role,
        hotlineId: actor.hotlineId,
        hotlineName: await hotlineName(trx, actor.hotlineId),
        states: [...actor.states],
        locale: actor.locale,
      },
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'Sign out: the session ends on the server too',
    tags: ['accounts'],
    policy: policies.midSignIn,
    audit: { kind: 'auto', action: 'auth.logout', subjectType: 'user' },
    response: Ok,
    handler: async ({ actor, trx, reply }) => {
      await store.revokeSession(trx, actor.sessionId);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/password',
    summary: 'Change your own password; your other sessions end',
    tags: ['accounts'],
    policy: policies.self,
    audit: { kind: 'service' },
    body: ChangePasswordBody,
    response: Ok,
    handler: async ({ body, actor, trx, who }) => {
      await changeOwnPassword(
        trx,
        who,
        actor.userId,
        actor.sessionId,
        (h) => verifyPassword(h, body.currentPassword),
        body.newPassword,
      );
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/setup',
    summary: 'Whether this Waymark still waits for its first admin',
    tags: ['accounts'],
    policy: policies.setup,
    audit: { kind: 'not-personal', reason: 'a yes or no' },
    response: SetupStatus,
    handler: async ({ app }) => ({ setupNeeded: await setupNeeded(app.database.db) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/setup',
    summary: 'Create the hotline and its first admin from the one-time set-up link',
    tags: ['accounts'],
    policy: policies.setup,
    audit: { kind: 'service' },
    transaction: 'manual',
    rateLimit: LOGIN_RATE,
    body: SetupBody,
    response: LoginResponse,
    successStatus: 201,
    handler: async ({ body, who, req, reply, app }) => {
      const token = await completeSetup(app.database.db, who, req, body);
      setSessionCookie(reply, token, app.config.secureCookies);
      return { stage: 'enrol' as const };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/users',
    summary: "The hotline's accounts",
    tags: ['accounts'],
    policy: policies.manageUsers,
    audit: { kind: 'auto', action: 'user.list', subjectType: 'user' },
    response: UserList,
    handler: async ({ actor, trx }) => ({
      users: (await store.listUsers(trx, actor.hotlineId)).map(summarise),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users',
    summary: 'Create an account; the person sets up two-step sign-in at first sign-in',
    tags: ['accounts'],
    policy: policies.manageUsers,
    audit: { kind: 'service' },
    body: CreateUserBody,
    response: UserSummary,
    successStatus: 201,
    handler: async ({ body, actor, trx, who }) =>
      summarise(
        await createUser(trx, who, { ...body, hotlineId: actor.hotlineId, mustChangePassword: true }),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users/:id/reset-password',
    summary: 'Set a new password for someone; their sessions end',
    tags: ['accounts'],
    policy: policies.manageUsers,
    audit: { kind: 'service' },
    params: IdParams,
    body: ResetPasswordBody,
    response: Ok,
    handler: async ({ params, body, actor, trx, who }) => {
      await resetPassword(trx, who, actor.hotlineId, params.id, body.password);
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users/:id/revoke-sessions',
    summary: "End all of someone's sessions",
    tags: ['accounts'],
    policy: policies.manageUsers,
    audit: { kind: 'service' },
    params: IdParams,
    response: Ok,
    handler: async ({ params, actor, trx, who }) => {
      if (params.id === actor.userId)
        throw new AppError('bad_request', 'Sign out instead of ending your own sessions here.');
      await revokeSessions(trx, who, actor.hotlineId, params.id);
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users/:id/reset-second-factor',
    summary: 'For a lost phone: the person sets up two-step sign-in again',
    tags: ['accounts'],
    policy: policies.manageUsers,
    audit: { kind: 'service' },
    params: IdParams,
    response: Ok,
    handler: async ({ params, actor, trx, who }) => {
      await resetSecondFactor(trx, who, actor.hotlineId, params.id);
      return { ok: true as const };
    },
  }),
];

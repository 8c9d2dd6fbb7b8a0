import type { Role } from '../../platform/auth/actor';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { UserRow } from '../../platform/db/schema';
import type { Queryable } from '../../platform/db/transaction';
import { AppError, notFound } from '../../platform/errors';
import { hashPassword } from './passwords';
import type { UserSummary } from './schema';
import * as store from './store';

export interface NewUserInput {
  hotlineId: string;
  email: string;
  displayName: string;
  role: Role;
  password: string;
  states?: string[];
  mustChangePassword?: boolean;
}

export function summarise(u: UserRow): UserSummary {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    states: u.states,
    totpEnrolled: !!u.totp_enabled_at,
    locked: !!u.locked_until && u.locked_until > new Date(),
    disabled: !!u.disabled_at,
    createdAt: u.created_at,
  };
}

export async function createUser(q: Queryable, who: AuditActor, input: NewUserInput): Promise<UserRow> {
  if (await store.findUserByEmail(q, input.email)) {
    throw new AppError('conflict', 'An account with this email already exists.', {
      fields: [{ path: 'email', message: 'Already in use' }],
    });
  }
  if (input.role === 'coordinator' && (input.states ?? []).length === 0) {
    throw new AppError('validation_failed', 'A coordinator needs at least one state.', {
      fields: [{ path: 'states', message: 'Choose the states this coordinator covers' }],
    });
  }
  const user = await store.insertUser(q, {
    hotline_id: input.hotlineId,
    email: input.email,
    display_name: input.displayName,
    role: input.role,
    password_hash: await hashPassword(input.password),
    states: input.states ?? [],
    must_change_password: input.mustChangePassword ?? false,
    password_changed_at: new Date(),
    updated_at: new Date(),
    totp_secret: null,
    totp_enabled_at: null,
    totp_last_step: null,
    locked_until: null,
    partner_organisation_id: null,
    disabled_at: null,
  });
  await recordAudit(q, who, {
    action: 'user.create',
    subjectType: 'user',
    subjectId: user.id,
    hotlineId: input.hotlineId,
    details: { role: input.role },
  });
  return user;
}

async function userOfHotline(q: Queryable, hotlineId: string, id: string): Promise<UserRow> {
  const user = await store.findUserInHotline(q, hotlineId, id);
  if (!user) throw notFound('user');
  return user;
}

/** An admin sets a new password: every session of that person ends, and the lock is lifted. */
export async function resetPassword(
  q: Queryable,
  who: AuditActor,
  hotlineId: string,
  id: string,
  password: string,
): Promise<void> {
  const user = await userOfHotline(q, hotlineId, id);
  await store.updateUser(q, user.id, {
    password_hash: await hashPassword(password),
    password_changed_at: new Date(),
    must_change_password: true,
    failed_attempts: 0,
    locked_until: null,
  });
  const ended = await store.revokeUserSessions(q, user.id);
  await recordAudit(q, who, {
    action: 'user.reset_password',
    subjectType: 'user',
    subjectId: user.id,
    details: { sessionsEnded: ended },
  });
}

export async function revokeSessions(
  q: Queryable,
  who: AuditActor,
  hotlineId: string,
  id: string,
): Promise<number> {
  const user = await userOfHotline(q, hotlineId, id);
  const ended = await store.revokeUserSessions(q, user.id);
  await recordAudit(q, who, {
    action: 'user.revoke_sessions',
    subjectType: 'user',
    subjectId: user.id,
    details: { sessionsEnded: ended },
  });
  return ended;
}

/** For a lost phone: the person enrols a new authenticator at their next sign-in. */
export async function resetSecondFactor(
  q: Queryable,
  who: AuditActor,
  hotlineId: string,
  id: string,
): Promise<void> {
  const user = await userOfHotline(q, hotlineId, id);
  await store.updateUser(q, user.id, { totp_secret: null, totp_enabled_at: null, totp_last_step: null });
  const ended = await store.revokeUserSessions(q, user.id);
  await recordAudit(q, who, {
    action: 'user.reset_second_factor',
    subjectType: 'user',
    subjectId: user.id,
    details: { sessionsEnded: ended },
  });
}

export async function changeOwnPassword(
  q: Queryable,
  who: AuditActor,
  userId: string,
  sessionId: string,
  verify: (hash: string) => Promise<boolean>,
  newPassword: string,
): Promise<void> {
  const user = await store.findUserById(q, userId);
  if (!user || !(await verify(user.password_hash))) {
    throw new AppError('validation_failed', 'Your current password is not right.', {
      fields: [{ path: 'currentPassword', message: 'Not right' }],
    });
  }
  await store.updateUser(q, user.id, {
    password_hash: await hashPassword(newPassword),
    password_changed_at: new Date(),
    must_change_password: false,
  });
  // Other sessions end; this one stays.
  await q
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', user.id)
    .where('id', '!=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
  await recordAudit(q, who, { action: 'user.change_password', subjectType: 'user', subjectId: user.id });
}

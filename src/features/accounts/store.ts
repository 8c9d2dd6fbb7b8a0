import { sql } from 'kysely';
import type { NewUser, SessionRow, UserRow } from '../../platform/db/schema';
import type { Queryable } from '../../platform/db/transaction';

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
  return q.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Scoped to the caller's hotline: a user of another hotline is not found. */
export async function findUserInHotline(
  q: Queryable,
  hotlineId: string,
  id: string,
): Promise<UserRow | undefined> {
  return q
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('hotline_id', '=', hotlineId)
    .executeTakeFirst();
}

export async function findUserById(q: Queryable, id: string): Promise<UserRow | undefined> {
  return q.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(q: Queryable, hotlineId: string): Promise<UserRow[]> {
  return q
    .selectFrom('users')
    .selectAll()
    .where('hotline_id', '=', hotlineId)
    .orderBy('display_name')
    .execute();
}

export async function countUsers(q: Queryable): Promise<number> {
  const row = await q
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(q: Queryable, user: NewUser): Promise<UserRow> {
  return q.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(
  q: Queryable,
  id: string,
  changes: Partial<Omit<UserRow, 'id' | 'hotline_id' | 'created_at' | 'version'>>,
): Promise<void> {
  await q
    .updateTable('users')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Counts a failure; the fifth in a row locks the account for a while. Returns whether it is now locked. */
export async function recordFailure(
  q: Queryable,
  id: string,
  maxFailures: number,
  lockMinutes: number,
): Promise<boolean> {
  const row = await q
    .updateTable('users')
    .set({
      failed_attempts: sql`failed_attempts + 1`,
      locked_until: sql`case when failed_attempts + 1 >= ${maxFailures}
        then now() + make_interval(mins => ${lockMinutes}) else locked_until end`,
    })
    .where('id', '=', id)
    .returning(['locked_until'])
    .executeTakeFirst();
  return !!row?.locked_until && row.locked_until > new Date();
}

export async function insertSession(
  q: Queryable,
  s: {
    id: string;
    userId: string;
    hotlineId: string;
    stage: 'password' | 'complete';
    ip: string | null;
    userAgent: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await q
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      hotline_id: s.hotlineId,
      stage: s.stage,
      ip: s.ip,
      user_agent: s.userAgent,
      expires_at: s.expiresAt,
    })
    .execute();
}

export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
}

export async function findLiveSession(q: Queryable, id: string): Promise<SessionWithUser | undefined> {
  const session = await q
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await findUserById(q, session.user_id);
  if (!user || user.disabled_at) return undefined;
  return { session, user };
}

export async function touchSession(
  q: Queryable,
  id: string,
  changes: { stage?: 'complete'; lastSeen?: Date },
): Promise<void> {
  await q
    .updateTable('sessions')
    .set({ ...(changes.stage ? { stage: changes.stage } : {}), last_seen_at: changes.lastSeen ?? new Date() })
    .where('id', '=', id)
    .execute();
}

export async function revokeSession(q: Queryable, id: string): Promise<void> {
  await q.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', id).execute();
}

export async function revokeUserSessions(q: Queryable, userId: string): Promise<number> {
  const r = await q
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertSetupToken(q: Queryable, tokenHash: string, expiresAt: Date): Promise<void> {
  // One link at a time: a new start makes the old link useless.
  await q.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
  await q.insertInto('setup_tokens').values({ token_hash: tokenHash, expires_at: expiresAt }).execute();
}

/** Marks the token used; true only for the first caller with a live token. */
export async function consumeSetupToken(q: Queryable, tokenHash: string): Promise<boolean> {
  const r = await q
    .updateTable('setup_tokens')
    .set({ used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

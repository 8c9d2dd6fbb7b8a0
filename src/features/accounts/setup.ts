import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit, systemActor, type AuditActor } from '../../platform/audit/audit';
import type { DB } from '../../platform/db/schema';
import { AppError } from '../../platform/errors';
import { insertHotline } from '../hotlines/store';
import * as store from './store';
import { startSession } from './sign-in';
import { hashToken, newToken } from './tokens';
import { createUser } from './users';

const SETUP_HOURS = 24;

/** On a database with no accounts: a one-time link for the first admin. Undefined once anyone exists. */
export async function issueSetupLink(db: Kysely<DB>, publicUrl: string): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    if ((await store.countUsers(trx)) > 0) return undefined;
    const token = newToken();
    await store.insertSetupToken(trx, hashToken(token), new Date(Date.now() + SETUP_HOURS * 3600 * 1000));
    await recordAudit(trx, systemActor('system:setup'), { action: 'setup.link_issued' });
    // The token travels in the fragment, which browsers never send to a server or put in its logs.
    return `${publicUrl.replace(/\/$/, '')}/setup#${token}`;
  });
}

export async function setupNeeded(db: Kysely<DB>): Promise<boolean> {
  return (await store.countUsers(db)) === 0;
}

export interface SetupInput {
  token: string;
  hotlineName: string;
  displayName: string;
  email: string;
  password: string;
}

/** Creates the hotline and its first admin, and signs them in up to the second-factor enrolment. */
export async function completeSetup(
  db: Kysely<DB>,
  who: AuditActor,
  req: FastifyRequest,
  input: SetupInput,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    if ((await store.countUsers(trx)) > 0 || !(await store.consumeSetupToken(trx, hashToken(input.token)))) {
      throw new AppError(
        'not_found',
        'This set-up link has expired or was already used. Restart Waymark for a new one.',
      );
    }
    const hotline = await insertHotline(trx, { name: input.hotlineName });
    const actor = { ...who, hotlineId: hotline.id };
    await recordAudit(trx, actor, {
      action: 'hotline.create',
      subjectType: 'hotline',
      subjectId: hotline.id,
    });
    const user = await createUser(trx, actor, {
      hotlineId: hotline.id,
      email: input.email,
      displayName: input.displayName,
      role: 'admin',
      password: input.password,
    });
    return startSession(trx, user, req, 'password');
  });
}

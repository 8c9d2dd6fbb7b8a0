import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../platform/db/transaction';
import './tables';

/**
 * The installation's signing key for the webform, made on first use and kept in the database so
 * that every process sharing it (and a restarted one) accepts the same forms. Cached per process.
 */
let cached: Buffer | undefined;
let cachedFor: unknown;

export async function formKey(trx: Queryable, owner: unknown): Promise<Buffer> {
  if (cached && cachedFor === owner) return cached;
  await trx
    .insertInto('intake_keys')
    .values({ name: 'webform', key: randomBytes(32) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await trx
    .selectFrom('intake_keys')
    .select('key')
    .where('name', '=', 'webform')
    .executeTakeFirstOrThrow();
  cached = Buffer.from(row.key);
  cachedFor = owner;
  return cached;
}

const mac = (key: Buffer, text: string): string => createHmac('sha256', key).update(text).digest('base64url');

// Four hours: a frightened person may start, stop and come back to the form.
const TOKEN_LIFETIME_S = 4 * 60 * 60;

/** A signed anti-forgery token for one form: no cookie, and its nonce names the submission. */
export function issueFormToken(key: Buffer, now = Date.now()): string {
  const issued = Math.floor(now / 1000);
  const nonce = randomBytes(12).toString('base64url');
  return `${issued}.${nonce}.${mac(key, `form|${issued}|${nonce}`).slice(0, 32)}`;
}

export type TokenCheck = { ok: true; nonce: string } | { ok: false; reason: 'invalid' | 'expired' };

export function checkFormToken(key: Buffer, token: string | undefined, now = Date.now()): TokenCheck {
  const [issuedText, nonce, sig] = (token ?? '').split('.');
  if (!issuedText || !nonce || !sig || !/^\d{1,12}$/.test(issuedText))
    return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(mac(key, `form|${issuedText}|${nonce}`).slice(0, 32));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  const age = now / 1000 - Number(issuedText);
  if (age < -60 || age > TOKEN_LIFETIME_S) return { ok: false, reason: 'expired' };
  return { ok: true, nonce };
}

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The reporter's secret for one submission, derived from its id: sending the same form twice
 * shows the same secret, and the database keeps only its hash.
 */
export function secretFor(key: Buffer, submissionId: string): string {
  const bytes = createHmac('sha256', key).update(`secret|${submissionId}`).digest();
  let s = '';
  for (let i = 0; i < 15; i++) s += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return `${s.slice(0, 5)}-${s.slice(5, 10)}-${s.slice(10)}`;
}

/**
 * Twilio auth tokens are stored sealed (platform/secrets): `hotline_channels.twilio_auth_token`
 * holds `wm1.…`, never the token. A token stored before sealing (or by `upsertChannel`) is read as
 * it is and sealed at the next start; so is one sealed with the key being rotated away from.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema';
import { FatalError } from '../../platform/errors';
import { SecretError, type SecretBox } from '../../platform/secrets/box';
import './tables';

const PURPOSE = 'hotline_channels.twilio_auth_token';

export const sealToken = (box: SecretBox, token: string): string => box.seal(token, PURPOSE);

/** The token from its stored form; null when none is stored. */
export const openToken = (box: SecretBox, stored: string | null): string | null =>
  stored === null ? null : box.open(stored, PURPOSE);

/**
 * At start: every stored token must open with this server's keys, or the start stops with one
 * line naming the key they need. Plain tokens, and those sealed with the previous key, are sealed
 * again with the current one (each only if no other process did it first). Answers how many.
 */
export async function sealStoredTokens(db: Kysely<DB>, box: SecretBox): Promise<number> {
  const rows = await db
    .selectFrom('hotline_channels')
    .select(['id', 'twilio_auth_token'])
    .where('twilio_auth_token', 'is not', null)
    .execute();
  const missing = new Set<string>();
  const again: Array<{ id: string; stored: string; token: string }> = [];
  for (const r of rows) {
    const stored = r.twilio_auth_token ?? '';
    const keyId = box.keyIdOf(stored);
    if (keyId && !box.hasKey(keyId)) {
      missing.add(keyId);
      continue;
    }
    let token: string;
    try {
      token = box.open(stored, PURPOSE);
    } catch (err) {
      if (!(err instanceof SecretError)) throw err;
      throw new FatalError(`A stored Twilio auth token does not open: ${err.message}`);
    }
    if (keyId !== box.keyId) again.push({ id: r.id, stored, token });
  }
  if (missing.size) {
    throw new FatalError(
      `The Twilio auth tokens in the database were sealed with secret key ${[...missing].join(', ')}, but the key in use here is ${box.keyId} (${box.source}): give the key they were sealed with (WAYMARK_SECRET_KEY or WAYMARK_SECRET_KEY_FILE; see "Secret key" in docs/operations.md).`,
    );
  }
  for (const r of again) {
    await db
      .updateTable('hotline_channels')
      .set({ twilio_auth_token: sealToken(box, r.token) })
      .where('id', '=', r.id)
      .where('twilio_auth_token', '=', r.stored)
      .execute();
  }
  return again.length;
}

import type { Queryable } from '../../platform/db/transaction';
import type { ChannelKind } from './tables';
import './tables';

/** The webform slug /report and /api/public/reports answer for. */
export const DEFAULT_SLUG = 'default';

export interface ChannelRow {
  hotlineId: string;
  twilioAccountSid: string | null;
  twilioAuthToken: string | null;
  advocateNumbers: string[];
  address: string;
}

/** The hotline an inbound address (a number, an email address, a webform slug) belongs to. */
export async function findChannel(
  q: Queryable,
  kind: ChannelKind,
  address: string,
): Promise<ChannelRow | undefined> {
  const row = await q
    .selectFrom('hotline_channels')
    .select(['hotline_id', 'twilio_account_sid', 'twilio_auth_token', 'advocate_numbers', 'address'])
    .where('kind', '=', kind)
    .where((eb) => eb(eb.fn('lower', ['address']), '=', address.toLowerCase()))
    .executeTakeFirst();
  return row
    ? {
        hotlineId: row.hotline_id,
        twilioAccountSid: row.twilio_account_sid,
        twilioAuthToken: row.twilio_auth_token,
        advocateNumbers: row.advocate_numbers,
        address: row.address,
      }
    : undefined;
}

/**
 * The hotline a public webform reports to: the one whose webform channel has this slug. The
 * `default` slug alone falls back to the only hotline when the installation has just one; any other
 * slug without a channel is no form at all. Undefined when it cannot be told. With `owner` (the
 * app's database) a found answer is remembered for a moment (`recent`).
 */
export async function webformHotline(
  q: Queryable,
  slug = DEFAULT_SLUG,
  owner?: object,
): Promise<string | undefined> {
  const load = async (): Promise<string | undefined> => {
    const channel = await findChannel(q, 'webform', slug);
    if (channel) return channel.hotlineId;
    if (slug.toLowerCase() !== DEFAULT_SLUG) return undefined;
    const rows = await q.selectFrom('hotlines').select('id').limit(2).execute();
    return rows.length === 1 ? rows[0]?.id : undefined;
  };
  return owner ? recent(owner, `webform-hotline:${slug.toLowerCase()}`, load) : load();
}

/**
 * The channel for an address, remembered for a moment per database (`recent`); `fresh` skips what
 * was remembered, for a caller that found it did not fit (a signature made with a new token).
 */
export function findChannelRecent(
  owner: object,
  q: Queryable,
  kind: ChannelKind,
  address: string,
  fresh = false,
): Promise<ChannelRow | undefined> {
  const key = `channel:${kind}:${address.toLowerCase()}`;
  if (fresh) remembered.get(owner)?.delete(key);
  return recent(owner, key, () => findChannel(q, kind, address));
}

/**
 * Every contact on a busy channel asks which hotline its address belongs to. Found answers are
 * kept for RECENT_MS per database and process, so a changed mapping takes effect within that time;
 * an address with no channel is asked again every time.
 */
const RECENT_MS = 2000;
const remembered = new WeakMap<object, Map<string, { value: unknown; until: number }>>();

async function recent<T>(
  owner: object,
  key: string,
  load: () => Promise<T | undefined>,
): Promise<T | undefined> {
  let cache = remembered.get(owner);
  if (!cache) {
    cache = new Map();
    remembered.set(owner, cache);
  }
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && hit.until > now) return hit.value as T;
  const value = await load();
  if (value === undefined) cache.delete(key);
  else cache.set(key, { value, until: now + RECENT_MS });
  return value;
}

/** Used by tests and the operations guide: adds or replaces a channel mapping. */
export async function upsertChannel(
  q: Queryable,
  c: {
    hotlineId: string;
    kind: ChannelKind;
    address: string;
    twilioAuthToken?: string;
    twilioAccountSid?: string;
    advocateNumbers?: string[];
  },
): Promise<void> {
  await q
    .deleteFrom('hotline_channels')
    .where('kind', '=', c.kind)
    .where((eb) => eb(eb.fn('lower', ['address']), '=', c.address.toLowerCase()))
    .execute();
  await q
    .insertInto('hotline_channels')
    .values({
      hotline_id: c.hotlineId,
      kind: c.kind,
      address: c.address,
      twilio_auth_token: c.twilioAuthToken ?? null,
      twilio_account_sid: c.twilioAccountSid ?? null,
      advocate_numbers: c.advocateNumbers ?? [],
    })
    .execute();
}

/**
 * Drops what this process remembers about an address (after an administrator changed or removed
 * its channel), so the change takes effect here at once; other processes see it within RECENT_MS.
 */
export function forgetChannel(owner: object, kind: ChannelKind, address: string): void {
  const cache = remembered.get(owner);
  if (!cache) return;
  cache.delete(`channel:${kind}:${address.toLowerCase()}`);
  if (kind === 'webform') cache.delete(`webform-hotline:${address.toLowerCase()}`);
}

import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema';
import { publish, type Notifier } from '../../platform/db/notify';
import type { Queryable, Tx } from '../../platform/db/transaction';
import type { ChannelKind } from './tables';
import './tables';

/** The webform slug /report and /api/public/reports answer for. */
export const DEFAULT_SLUG = 'default';

export interface ChannelRow {
  hotlineId: string;
  twilioAccountSid: string | null;
  /** As stored: sealed (channel-secrets.ts `openToken`), or plain when written before sealing. */
  storedAuthToken: string | null;
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
        storedAuthToken: row.twilio_auth_token,
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
  if (fresh) remembered.get(owner)?.entries.delete(key);
  return recent(owner, key, () => findChannel(q, kind, address));
}

/**
 * Every contact on a busy channel asks which hotline its address belongs to. Found answers are
 * kept for RECENT_MS per database and process, so a change made elsewhere (the CLI, another
 * process) takes effect within that time; an address with no channel is asked again every time.
 * A change made here is forgotten once it has committed (`changeChannels`); `generation` counts
 * those forgets, so a read that began before one is used once but not remembered (it may have seen
 * the row as it was before the change).
 */
const RECENT_MS = 2000;
interface Remembered {
  entries: Map<string, { value: unknown; until: number }>;
  generation: number;
}
const remembered = new WeakMap<object, Remembered>();

function memoryOf(owner: object): Remembered {
  let memory = remembered.get(owner);
  if (!memory) {
    memory = { entries: new Map(), generation: 0 };
    remembered.set(owner, memory);
  }
  return memory;
}

async function recent<T>(
  owner: object,
  key: string,
  load: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const memory = memoryOf(owner);
  const hit = memory.entries.get(key);
  const now = Date.now();
  if (hit && hit.until > now) return hit.value as T;
  const generation = memory.generation;
  const value = await load();
  if (value === undefined) memory.entries.delete(key);
  else if (memory.generation === generation) memory.entries.set(key, { value, until: now + RECENT_MS });
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

/** A channel's kind and address, as what is remembered about it is named. */
export interface ChannelAddress {
  kind: ChannelKind;
  address: string;
}

/**
 * Drops what this process remembers about an address, so a change to its channel takes effect
 * here at once. Call it only once the change is committed (`changeChannels` does, and
 * `listenForChannelChanges` for other processes' changes): before, a webhook could read and
 * remember the row as it still was.
 */
function forgetChannel(owner: object, kind: ChannelKind, address: string): void {
  const memory = memoryOf(owner);
  memory.generation += 1;
  memory.entries.delete(`channel:${kind}:${address.toLowerCase()}`);
  if (kind === 'webform') memory.entries.delete(`webform-hotline:${address.toLowerCase()}`);
}

/** Every process hears here which addresses a committed change touched (platform/db/notify.ts). */
const CHANNELS_CHANNEL = 'intake_channels';

/**
 * Runs an administrator's change to channels in its own transaction. `work` names in `touched`
 * every address whose channel it adds, changes or removes. They are published on
 * CHANNELS_CHANNEL with the change, so every process listening (`listenForChannelChanges`) hears
 * of them once it has committed; and once the transaction has ended this process forgets them
 * itself, so the change is in use here before the caller answers. (Also after a failure:
 * forgetting what was remembered is always safe.)
 */
export async function changeChannels<T>(
  db: Kysely<DB>,
  owner: object,
  work: (trx: Tx, touched: ChannelAddress[]) => Promise<T>,
): Promise<T> {
  const touched: ChannelAddress[] = [];
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx, touched);
      if (touched.length) await publish(trx, CHANNELS_CHANNEL, touched);
      return result;
    });
  } finally {
    for (const t of touched) forgetChannel(owner, t.kind, t.address);
  }
}

/**
 * Makes this process forget the addresses another process (a server, `waymark channels`) changed,
 * as soon as that change commits. Without the listening connection (it failed to start, or is
 * reconnecting) a change still takes effect here within RECENT_MS.
 */
export async function listenForChannelChanges(notifier: Notifier, owner: object): Promise<void> {
  await notifier.subscribe(CHANNELS_CHANNEL, (payload) => {
    let touched: unknown;
    try {
      touched = JSON.parse(payload);
    } catch {
      return;
    }
    if (!Array.isArray(touched)) return;
    for (const t of touched as Array<Partial<ChannelAddress>>) {
      if (typeof t.kind === 'string' && typeof t.address === 'string') {
        forgetChannel(owner, t.kind, t.address);
      }
    }
  });
}

import type { Queryable } from '../../platform/db/transaction';
import type { ChannelKind } from './tables';
import './tables';

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
 * The hotline a public webform reports to: the one whose webform channel has this slug, else the
 * only hotline when the installation has just one. Undefined when it cannot be told.
 */
export async function webformHotline(q: Queryable, slug = 'default'): Promise<string | undefined> {
  const channel = await findChannel(q, 'webform', slug);
  if (channel) return channel.hotlineId;
  const rows = await q.selectFrom('hotlines').select('id').limit(2).execute();
  return rows.length === 1 ? rows[0]?.id : undefined;
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

/**
 * A message added to a signal's thread in one statement: the signal (only the hotline's), the replay
 * check on the provider id, the message, the signal's `updated_at`, the audit row and the
 * notification for live inboxes.
 */
import { sql } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit';
import type { Channel } from '../../platform/db/schema';
import type { Queryable } from '../../platform/db/transaction';

export interface AppendRow {
  hotlineId: string;
  signalId: string;
  direction: 'in' | 'out';
  body: string;
  providerId: string | null;
  meta: string;
  sentBy: string | null;
  attachments: number;
}

export type AppendOutcome =
  { found: false } | { found: true; channel: Channel; messageId: string; created: boolean };

export async function insertMessageOnce(
  q: Queryable,
  who: AuditActor,
  m: AppendRow,
  channelName: string,
): Promise<AppendOutcome> {
  const action = m.direction === 'in' ? 'signal.message_received' : 'signal.reply_sent';
  const seen = m.providerId
    ? sql`select id from signal_messages where hotline_id = ${m.hotlineId}::uuid
        and channel = (select channel from sig) and provider_id = ${m.providerId}`
    : sql`select null::uuid as id where false`;
  const result = await sql<{
    channel: Channel | null;
    seen_id: string | null;
    message_id: string | null;
  }>`
    with sig as (
      select id, channel from signals where id = ${m.signalId}::uuid and hotline_id = ${m.hotlineId}::uuid
    ), seen as (${seen}), new_message as (
      insert into signal_messages (hotline_id, signal_id, channel, direction, provider_id, body, meta, sent_by)
      select ${m.hotlineId}::uuid, id, channel, ${m.direction}, ${m.providerId}, ${m.body}, ${m.meta}::jsonb,
        ${m.sentBy}::uuid
      from sig where not exists (select 1 from seen)
      returning id, signal_id, channel
    ), touched as (
      update signals set updated_at = now() where id in (select signal_id from new_message) returning id
    ), audit as (
      insert into audit_events (hotline_id, actor_user_id, actor_label, action, subject_type, subject_id, ip, details)
      select ${m.hotlineId}::uuid, ${who.userId}::uuid, ${who.label}, ${action}, 'signal', signal_id::text, ${who.ip},
        json_build_object('channel', channel, 'attachments', ${m.attachments}::int)::jsonb
      from new_message
    ), notified as (
      select pg_notify(${channelName}, json_build_object('hotlineId', ${m.hotlineId}::text, 'signalId', signal_id,
        'channel', channel, 'event', 'message')::text) from new_message
    )
    select (select channel from sig) as channel, (select id from seen) as seen_id,
      (select id from new_message) as message_id, (select count(*) from touched)::int as touched,
      (select count(*) from notified)::int as notified`.execute(q);
  const row = result.rows[0];
  if (!row?.channel) return { found: false };
  if (row.seen_id) return { found: true, channel: row.channel, messageId: row.seen_id, created: false };
  if (!row.message_id) throw new Error('message was not stored');
  return { found: true, channel: row.channel, messageId: row.message_id, created: true };
}

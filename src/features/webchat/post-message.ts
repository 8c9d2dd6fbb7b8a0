/**
 * A chat line in one statement, so one round trip: the chat is checked (it exists, has not ended,
 * and an advocate may write only in their own chat), the line joins the signal's thread, the
 * signal's `updated_at` moves, the audit row is written, and both notifications go out (live
 * inboxes on `intake_signals`, both ends of the chat on `webchat`). A single statement commits
 * as a whole, and PostgreSQL delivers the notifications only once it has.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { SIGNALS_CHANNEL } from '../intake/service';
import type { ChatMessage, Sender } from './schema';

export type PostOutcome =
  { ok: true; message: ChatMessage } | { ok: false; reason: 'not_found' | 'chat_ended' };

export async function insertChatLine(
  q: Queryable,
  input: {
    chatId: string;
    sender: Sender;
    text: string;
    /** The advocate writing, or null for the visitor. */
    advocate: { userId: string; hotlineId: string } | null;
    /** Who is audited; a visitor's hotline is the chat's, so its `hotlineId` is not used. */
    who: AuditActor;
    wireChannel: string;
  },
): Promise<PostOutcome> {
  const message: ChatMessage = {
    id: randomUUID(),
    from: input.sender,
    text: input.text,
    at: new Date().toISOString(),
  };
  const wire = JSON.stringify({ k: 'msg', c: input.chatId, m: message });
  if (Buffer.byteLength(wire) > 7900) throw new Error('Chat line too large for a notification');
  const direction = input.sender === 'visitor' ? 'in' : 'out';
  const action = direction === 'in' ? 'signal.message_received' : 'signal.reply_sent';
  const advocateId = input.advocate?.userId ?? null;
  const advocateHotline = input.advocate?.hotlineId ?? null;
  const result = await sql<{ found: boolean; ended: boolean; stored: string | null }>`
    with chat as (
      select id, hotline_id, signal_id, status from webchat_chats
      where id = ${input.chatId}::uuid
        and (${advocateId}::uuid is null or (hotline_id = ${advocateHotline}::uuid and advocate_id = ${advocateId}::uuid))
    ), new_message as (
      insert into signal_messages (id, hotline_id, signal_id, channel, direction, body, meta, sent_by)
      select ${message.id}::uuid, hotline_id, signal_id, 'webchat', ${direction}, ${input.text},
        json_build_object('webchat', id)::jsonb, ${advocateId}::uuid
      from chat where status <> 'ended'
      returning id, hotline_id, signal_id
    ), touched as (
      update signals set updated_at = now() where id in (select signal_id from new_message) returning id
    ), audit as (
      insert into audit_events (hotline_id, actor_user_id, actor_label, action, subject_type, subject_id, ip, details)
      select hotline_id, ${input.who.userId}::uuid, ${input.who.label}, ${action}, 'signal', signal_id::text,
        ${input.who.ip}, '{"channel":"webchat","attachments":0}'::jsonb
      from new_message
    ), notified as (
      select pg_notify(${SIGNALS_CHANNEL}, json_build_object('hotlineId', hotline_id::text, 'signalId', signal_id,
        'channel', 'webchat', 'event', 'message')::text) from new_message
      union all
      select pg_notify(${input.wireChannel}, ${wire}) from new_message
    )
    select exists (select 1 from chat) as found, exists (select 1 from chat where status = 'ended') as ended,
      (select id from new_message) as stored, (select count(*) from touched)::int as touched,
      (select count(*) from notified)::int as notified`.execute(q);
  const row = result.rows[0];
  if (!row?.found) return { ok: false, reason: 'not_found' };
  if (row.ended || !row.stored) return { ok: false, reason: 'chat_ended' };
  return { ok: true, message };
}

/**
 * The hot path of intake in one statement: the replay check on the provider id, the signaler
 * (found by phone or email, or new), the signal, its first message, its audit row and the
 * notification for live inboxes. One round trip instead of six keeps a busy channel fast; the
 * statement is atomic, and runs in the caller's transaction like everything else.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit';
import type { Channel } from '../../platform/db/schema';
import type { Queryable } from '../../platform/db/transaction';

export interface SignalRow {
  hotlineId: string;
  referenceCode: string;
  channel: Channel;
  receivedAt: Date;
  language: string | null;
  state: string | null;
  stateInferred: boolean;
  city: string | null;
  locationText: string | null;
  content: string;
  providerId: string | null;
  threadKey: string | null;
  appendSecretHash: string | null;
}

export interface NewSignaler {
  role: string;
  name: string | null;
  /** E.164 or null; with `email`, how an earlier signaler is found. */
  phone: string | null;
  email: string | null;
  language: string | null;
  contactSafe: boolean | null;
  contactInstructions: string | null;
}

export interface FirstMessage {
  direction: 'in' | 'out';
  body: string;
  providerId: string | null;
  meta: string;
  sentBy: string | null;
}

export type InsertOutcome =
  | { created: true; id: string; referenceCode: string; messageId: string | null }
  | { created: false; id: string; referenceCode: string };

/** The same number (else the same address) within a hotline is the same signaler. */
function existingSignaler(hotlineId: string, p: NewSignaler): RawBuilder<unknown> {
  if (p.phone)
    return sql`select id from signalers where hotline_id = ${hotlineId}::uuid and phone = ${p.phone}
      order by created_at desc limit 1`;
  if (p.email)
    return sql`select id from signalers where hotline_id = ${hotlineId}::uuid and email = ${p.email}
      order by created_at desc limit 1`;
  return sql`select null::uuid as id where false`;
}

/**
 * Writes a new signal, or, when one with the same (hotline, channel, provider id) exists, nothing,
 * and answers that one (`created: false`).
 */
export async function insertSignal(
  q: Queryable,
  who: AuditActor,
  s: SignalRow,
  p: NewSignaler,
  first: FirstMessage | null,
  channelName: string,
): Promise<InsertOutcome> {
  const details = JSON.stringify({ channel: s.channel, stateInferred: s.stateInferred });
  const seen = s.providerId
    ? sql`select id, reference_code from signals where hotline_id = ${s.hotlineId}::uuid
        and channel = ${s.channel} and provider_id = ${s.providerId}`
    : sql`select null::uuid as id, null::text as reference_code where false`;
  const message = first
    ? sql`insert into signal_messages (hotline_id, signal_id, channel, direction, provider_id, body, meta, sent_by)
        select ${s.hotlineId}::uuid, id, ${s.channel}, ${first.direction}, ${first.providerId}, ${first.body},
          ${first.meta}::jsonb, ${first.sentBy}::uuid
        from new_signal
        returning id`
    : sql`select null::uuid as id where false`;
  const result = await sql<{
    seen_id: string | null;
    seen_code: string | null;
    id: string | null;
    reference_code: string | null;
    message_id: string | null;
    new_signaler_id: string | null;
  }>`
    with seen as (${seen}), found as (${existingSignaler(s.hotlineId, p)}),
    new_signaler as (
      insert into signalers (hotline_id, role, name, phone, email, language, contact_safe, contact_instructions, updated_at)
      select ${s.hotlineId}::uuid, ${p.role}, ${p.name}, ${p.phone}, ${p.email}, ${p.language},
        ${p.contactSafe}::boolean, ${p.contactInstructions}, now()
      where not exists (select 1 from found) and not exists (select 1 from seen)
      returning id
    ), new_signal as (
      insert into signals (hotline_id, reference_code, channel, received_at, signaler_id, language, state,
        state_inferred, city, location_text, content, provider_id, thread_key, append_secret_hash, updated_at)
      select ${s.hotlineId}::uuid, ${s.referenceCode}, ${s.channel}, ${s.receivedAt}::timestamptz,
        coalesce((select id from found), (select id from new_signaler)), ${s.language}, ${s.state},
        ${s.stateInferred}, ${s.city}, ${s.locationText}, ${s.content}::jsonb, ${s.providerId}, ${s.threadKey},
        ${s.appendSecretHash}, now()
      where not exists (select 1 from seen)
      on conflict (hotline_id, channel, provider_id) where provider_id is not null do nothing
      returning id, reference_code
    ), new_message as (${message}), audit as (
      insert into audit_events (hotline_id, actor_user_id, actor_label, action, subject_type, subject_id, ip, details)
      select ${s.hotlineId}::uuid, ${who.userId}::uuid, ${who.label}, 'signal.received', 'signal', id::text, ${who.ip},
        ${details}::jsonb
      from new_signal
    ), notified as (
      select pg_notify(${channelName}, json_build_object('hotlineId', ${s.hotlineId}::text, 'signalId', id,
        'channel', ${s.channel}::text, 'event', 'created')::text) from new_signal
    )
    select (select id from seen) as seen_id, (select reference_code from seen) as seen_code,
      ns.id, ns.reference_code, (select id from new_message) as message_id,
      (select id from new_signaler) as new_signaler_id, (select count(*) from notified)::int as notified
    from (select 1) as one left join new_signal ns on true`.execute(q);
  const row = result.rows[0];
  if (row?.seen_id && row.seen_code) return { created: false, id: row.seen_id, referenceCode: row.seen_code };
  if (row?.id && row.reference_code)
    return { created: true, id: row.id, referenceCode: row.reference_code, messageId: row.message_id };
  // Another delivery of the same contact committed while this statement ran. Data-modifying CTEs
  // always run, so this statement's new signaler exists without a signal: remove it.
  if (row?.new_signaler_id)
    await sql`delete from signalers where id = ${row.new_signaler_id}::uuid`.execute(q);
  const again = await sql<{ id: string; reference_code: string }>`select id, reference_code from signals
    where hotline_id = ${s.hotlineId}::uuid and channel = ${s.channel} and provider_id = ${s.providerId}`.execute(
    q,
  );
  const first0 = again.rows[0];
  if (!first0) throw new Error('signal vanished after a provider-id conflict');
  return { created: false, id: first0.id, referenceCode: first0.reference_code };
}

/**
 * The hot path of intake in one statement: the signaler (when new), the signal, its audit row and
 * the notification for live inboxes. One round trip instead of four keeps a busy channel fast; the
 * statement is atomic, and runs in the caller's transaction like everything else.
 */
import { sql } from 'kysely';
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
  phone: string | null;
  email: string | null;
  language: string | null;
  contactSafe: boolean | null;
  contactInstructions: string | null;
}

/** Undefined when a signal with the same provider id exists (nothing was written). */
export async function insertSignal(
  q: Queryable,
  who: AuditActor,
  s: SignalRow,
  signaler: { existingId: string } | { create: NewSignaler },
  channelName: string,
): Promise<{ id: string; referenceCode: string } | undefined> {
  const existingId = 'existingId' in signaler ? signaler.existingId : null;
  const p = 'create' in signaler ? signaler.create : null;
  const details = JSON.stringify({ channel: s.channel, stateInferred: s.stateInferred });
  const result = await sql<{
    id: string | null;
    reference_code: string | null;
    new_signaler_id: string | null;
  }>`
    with new_signaler as (
      insert into signalers (hotline_id, role, name, phone, email, language, contact_safe, contact_instructions, updated_at)
      select ${s.hotlineId}::uuid, ${p?.role ?? 'other'}, ${p?.name ?? null}, ${p?.phone ?? null}, ${p?.email ?? null},
        ${p?.language ?? null}, ${p?.contactSafe ?? null}::boolean, ${p?.contactInstructions ?? null}, now()
      where ${existingId}::uuid is null
      returning id
    ), new_signal as (
      insert into signals (hotline_id, reference_code, channel, received_at, signaler_id, language, state,
        state_inferred, city, location_text, content, provider_id, thread_key, append_secret_hash, updated_at)
      values (${s.hotlineId}::uuid, ${s.referenceCode}, ${s.channel}, ${s.receivedAt}::timestamptz,
        coalesce(${existingId}::uuid, (select id from new_signaler)), ${s.language}, ${s.state},
        ${s.stateInferred}, ${s.city}, ${s.locationText}, ${s.content}::jsonb, ${s.providerId}, ${s.threadKey},
        ${s.appendSecretHash}, now())
      on conflict (hotline_id, channel, provider_id) where provider_id is not null do nothing
      returning id, reference_code
    ), audit as (
      insert into audit_events (hotline_id, actor_user_id, actor_label, action, subject_type, subject_id, ip, details)
      select ${s.hotlineId}::uuid, ${who.userId}::uuid, ${who.label}, 'signal.received', 'signal', id::text, ${who.ip},
        ${details}::jsonb
      from new_signal
    ), notified as (
      select pg_notify(${channelName}, json_build_object('hotlineId', ${s.hotlineId}::text, 'signalId', id,
        'channel', ${s.channel}::text, 'event', 'created')::text) from new_signal
    )
    select ns.id, ns.reference_code, (select id from new_signaler) as new_signaler_id,
      (select count(*) from notified)::int as notified
    from (select 1) as one left join new_signal ns on true`.execute(q);
  const row = result.rows[0];
  if (!row?.id || !row.reference_code) {
    // Another delivery of the same contact committed first. Data-modifying CTEs always run, so
    // this statement's new signaler exists without a signal: remove it.
    if (row?.new_signaler_id)
      await sql`delete from signalers where id = ${row.new_signaler_id}::uuid`.execute(q);
    return undefined;
  }
  return { id: row.id, referenceCode: row.reference_code };
}

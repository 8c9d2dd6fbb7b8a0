/**
 * The hot path of intake in one round trip: the replay check on the provider id, the signaler
 * (found by phone or email, or new), the signal, its first message, its audit row and the
 * notification for live inboxes. It runs in the caller's transaction like everything else.
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

/**
 * Writes a new signal, or, when one with the same (hotline, channel, provider id) exists, nothing,
 * and answers that one (`created: false`). The work is `intake_record_signal` (migration 0011):
 * PL/pgSQL keeps its statements' plans for the session, so they are not planned again per signal.
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
  const result = await sql<{
    signal_id: string;
    reference_code: string;
    message_id: string | null;
    created: boolean;
  }>`select signal_id, reference_code, message_id, created from intake_record_signal(
      ${s.hotlineId}::uuid, ${s.referenceCode}::text, ${s.channel}::text, ${s.receivedAt}::timestamptz,
      ${s.language}::text, ${s.state}::text, ${s.stateInferred}::boolean, ${s.city}::text, ${s.locationText}::text,
      ${s.content}::jsonb, ${s.providerId}::text, ${s.threadKey}::text, ${s.appendSecretHash}::text,
      ${p.role}::text, ${p.name}::text, ${p.phone}::text, ${p.email}::text, ${p.language}::text,
      ${p.contactSafe}::boolean, ${p.contactInstructions}::text,
      ${first?.direction ?? null}::text, ${first?.body ?? null}::text, ${first?.providerId ?? null}::text,
      ${first?.meta ?? null}::jsonb, ${first?.sentBy ?? null}::uuid,
      ${who.userId}::uuid, ${who.label}::text, ${who.ip}::text, ${details}::jsonb, ${channelName}::text)`.execute(
    q,
  );
  const row = result.rows[0];
  if (!row?.signal_id) throw new Error('signal vanished after a provider-id conflict');
  if (!row.created) return { created: false, id: row.signal_id, referenceCode: row.reference_code };
  return { created: true, id: row.signal_id, referenceCode: row.reference_code, messageId: row.message_id };
}

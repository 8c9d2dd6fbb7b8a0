/** Incoming calls: the signal appears while the phone rings; status callbacks add the outcome. */
import { sql } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { notify, recordSignal } from './service';
import { twiml } from './twilio';

const BUSY =
  'Thank you for calling. No advocate can take your call right now. Please call the National Human Trafficking Hotline at 1 888 373 7888, or if you are in danger, call 911.';

export interface InboundCall {
  hotlineId: string;
  callSid: string;
  from: string;
  to: string;
  status: string;
}

async function callSignal(trx: Queryable, who: AuditActor, c: InboundCall): Promise<string> {
  const signal = await recordSignal(trx, who, {
    hotlineId: c.hotlineId,
    channel: 'phone',
    providerId: c.callSid,
    signaler: { phone: c.from },
    content: { call: { direction: 'inbound', to: c.to, status: c.status } },
  });
  return signal.id;
}

/** Records the ringing call (once per CallSid) and dials the advocates. */
export async function receiveCall(
  trx: Queryable,
  who: AuditActor,
  c: InboundCall,
  advocateNumbers: string[],
): Promise<string> {
  await callSignal(trx, who, c);
  return twiml.dial(advocateNumbers, BUSY);
}

/** A status callback: keeps the call's status and duration on its signal (creating it if it was missed). */
export async function recordCallStatus(
  trx: Queryable,
  who: AuditActor,
  c: InboundCall & { durationSeconds: number | null },
): Promise<void> {
  const id = await callSignal(trx, who, c);
  const patch = JSON.stringify({
    status: c.status,
    ...(c.durationSeconds !== null ? { durationSeconds: c.durationSeconds } : {}),
  });
  await sql`update signals
    set content = jsonb_set(content, '{call}', coalesce(content->'call', '{}'::jsonb) || ${patch}::jsonb),
        updated_at = now()
    where id = ${id} and hotline_id = ${c.hotlineId}`.execute(trx);
  await notify(trx, { hotlineId: c.hotlineId, signalId: id, channel: 'phone', event: 'updated' });
}

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

type Returned = { signal_id: string; reference_code: string; message_id: string | null; created: boolean };

/** The audit row's details for a new signal. */
const auditDetails = (s: SignalRow): string =>
  JSON.stringify({ channel: s.channel, stateInferred: s.stateInferred });

/** intake_record_signal's arguments, in order (JSON-friendly: dates as ISO text, JSON as text). */
function argumentsOf(
  who: AuditActor,
  s: SignalRow,
  p: NewSignaler,
  first: FirstMessage | null,
  channelName: string,
): unknown[] {
  return [
    s.hotlineId,
    s.referenceCode,
    s.channel,
    s.receivedAt.toISOString(),
    s.language,
    s.state,
    s.stateInferred,
    s.city,
    s.locationText,
    s.content,
    s.providerId,
    s.threadKey,
    s.appendSecretHash,
    p.role,
    p.name,
    p.phone,
    p.email,
    p.language,
    p.contactSafe,
    p.contactInstructions,
    first?.direction ?? null,
    first?.body ?? null,
    first?.providerId ?? null,
    first?.meta ?? null,
    first?.sentBy ?? null,
    who.userId,
    who.label,
    who.ip,
    auditDetails(s),
    channelName,
  ];
}

function outcomeOf(row: Returned | undefined): InsertOutcome {
  if (!row?.signal_id) throw new Error('signal vanished after a provider-id conflict');
  if (!row.created) return { created: false, id: row.signal_id, referenceCode: row.reference_code };
  return { created: true, id: row.signal_id, referenceCode: row.reference_code, messageId: row.message_id };
}

interface Gathered {
  who: AuditActor;
  s: SignalRow;
  p: NewSignaler;
  channelName: string;
  resolve: (o: InsertOutcome) => void;
  reject: (e: unknown) => void;
}

/** A signaler who gave no phone or email is always a new one: no look-up, so no order to keep. */
const anonymous = (g: Gathered): boolean => g.p.phone === null && g.p.email === null;

/**
 * Gathers the new signals of contacts that run side by side in one group-commit transaction and
 * writes them once they have all been handed in (the next turn of the event loop): those whose
 * signaler gave no phone or email with one set-based call of `intake_record_anonymous_signals`
 * (migration 0019), the others with one call of `intake_record_signals` (migration 0013), which
 * finds earlier signalers row by row. If a call fails, every contact in it fails, and the batch runs
 * again one contact at a time, each in its savepoint (batch.ts).
 */
export class SignalCollector {
  private gathered: Gathered[] = [];

  constructor(private readonly q: Queryable) {}

  add(who: AuditActor, s: SignalRow, p: NewSignaler, channelName: string): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      if (this.gathered.length === 0) setImmediate(() => void this.flush());
      this.gathered.push({ who, s, p, channelName, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const all = this.gathered.splice(0);
    const known = all.filter((g) => !anonymous(g));
    const anon = all.filter(anonymous);
    try {
      if (known.length > 0) answer(known, await this.recordKnown(known));
      // One call per notification channel: the function announces its rows on the one it is given.
      const byChannel = new Map<string, Gathered[]>();
      for (const g of anon) {
        const rows = byChannel.get(g.channelName);
        if (rows) rows.push(g);
        else byChannel.set(g.channelName, [g]);
      }
      for (const rows of byChannel.values()) answer(rows, await this.recordAnonymous(rows));
    } catch (err) {
      for (const g of all) g.reject(err);
    }
  }

  private async recordKnown(rows: Gathered[]): Promise<Array<Returned & { ord: number }>> {
    const args = rows.map((g) => argumentsOf(g.who, g.s, g.p, null, g.channelName));
    const result = await sql<
      Returned & { ord: number }
    >`select ord, signal_id, reference_code, message_id, created
      from intake_record_signals(${JSON.stringify(args)}::jsonb)`.execute(this.q);
    return result.rows;
  }

  private async recordAnonymous(rows: Gathered[]): Promise<Array<Returned & { ord: number }>> {
    const col = <T>(pick: (g: Gathered) => T): T[] => rows.map(pick);
    const result = await sql<Returned & { ord: number }>`select ord, signal_id, reference_code,
        null::uuid as message_id, created
      from intake_record_anonymous_signals(
        ${col((g) => g.s.hotlineId)}::uuid[], ${col((g) => g.s.referenceCode)}::text[],
        ${col((g) => g.s.channel)}::text[], ${col((g) => g.s.receivedAt.toISOString())}::timestamptz[],
        ${col((g) => g.s.language)}::text[], ${col((g) => g.s.state)}::text[],
        ${col((g) => g.s.stateInferred)}::boolean[], ${col((g) => g.s.city)}::text[],
        ${col((g) => g.s.locationText)}::text[], ${col((g) => g.s.content)}::jsonb[],
        ${col((g) => g.s.providerId)}::text[], ${col((g) => g.s.threadKey)}::text[],
        ${col((g) => g.s.appendSecretHash)}::text[], ${col((g) => g.p.role)}::text[],
        ${col((g) => g.p.name)}::text[], ${col((g) => g.p.language)}::text[],
        ${col((g) => g.p.contactSafe)}::boolean[], ${col((g) => g.p.contactInstructions)}::text[],
        ${col((g) => g.who.userId)}::uuid[], ${col((g) => g.who.label)}::text[],
        ${col((g) => g.who.ip)}::text[], ${col((g) => auditDetails(g.s))}::jsonb[],
        ${rows[0]?.channelName ?? ''}::text)`.execute(this.q);
    return result.rows;
  }
}

/** Hands each gathered contact its own row of the answer (`ord` counts from 0 in `rows`' order). */
function answer(rows: Gathered[], result: Array<Returned & { ord: number }>): void {
  const byOrd = new Map(result.map((r) => [r.ord, r]));
  rows.forEach((g, i) => {
    try {
      g.resolve(outcomeOf(byOrd.get(i)));
    } catch (err) {
      g.reject(err);
    }
  });
}

const collectors = new WeakMap<object, SignalCollector>();

/** While set, new signals written through `q` are gathered into one statement (see SignalCollector). */
export function collectSignals(q: Queryable): () => void {
  collectors.set(q, new SignalCollector(q));
  return () => collectors.delete(q);
}

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
  const collector = first ? undefined : collectors.get(q);
  if (collector) return collector.add(who, s, p, channelName);
  const result =
    await sql<Returned>`select signal_id, reference_code, message_id, created from intake_record_signal(
      ${s.hotlineId}::uuid, ${s.referenceCode}::text, ${s.channel}::text, ${s.receivedAt}::timestamptz,
      ${s.language}::text, ${s.state}::text, ${s.stateInferred}::boolean, ${s.city}::text, ${s.locationText}::text,
      ${s.content}::jsonb, ${s.providerId}::text, ${s.threadKey}::text, ${s.appendSecretHash}::text,
      ${p.role}::text, ${p.name}::text, ${p.phone}::text, ${p.email}::text, ${p.language}::text,
      ${p.contactSafe}::boolean, ${p.contactInstructions}::text,
      ${first?.direction ?? null}::text, ${first?.body ?? null}::text, ${first?.providerId ?? null}::text,
      ${first?.meta ?? null}::jsonb, ${first?.sentBy ?? null}::uuid,
      ${who.userId}::uuid, ${who.label}::text, ${who.ip}::text, ${auditDetails(s)}::jsonb, ${channelName}::text)`.execute(
      q,
    );
  return outcomeOf(result.rows[0]);
}

/**
 * Inbound texts in one statement per group-commit batch: every text handed in through the same
 * transaction in one turn of the event loop is written by one call of `intake_receive_texts`
 * (migration 0020), in the order they were handed in: the texters' advisory locks, the replay
 * check on the MessageSid, the open conversation (append) or a new one (signaler, signal, first
 * message), audit rows, notifications and opt-outs. If that call fails, every text in it fails
 * with it; the group commit then runs its contacts again one at a time, each in its savepoint
 * (batch.ts), so a bad text is refused alone. Outside a batch a text is simply a call of one.
 */
import { sql } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';

export interface TextRow {
  hotlineId: string;
  messageSid: string;
  /** The texter's number (E.164 when it can be read): the conversation's thread key. */
  threadKey: string;
  /** The signaler's phone: E.164, or null when the number cannot be read as one. */
  phone: string | null;
  body: string;
  meta: string;
  /** When the text arrived (arrivalTime): the message's time, and a new conversation's. */
  receivedAt: string;
  /** For a new conversation: its reference code, language and inferred state. */
  referenceCode: string;
  language: string | null;
  state: string | null;
  stateInferred: boolean;
  content: string;
  optOut: 'stop' | 'start' | null;
  who: AuditActor;
}

export interface TextOutcome {
  /** The MessageSid was stored before: nothing new was written. */
  replay: boolean;
  signalId: string;
  /** The stored message; null only for a replay. */
  messageId: string | null;
  /** A new conversation (signal) was opened. */
  created: boolean;
}

interface Returned {
  ord: number;
  replay: boolean;
  signal_id: string;
  message_id: string | null;
  created: boolean;
}

type Waiter = { resolve: (o: TextOutcome) => void; reject: (e: unknown) => void };

class TextCollector {
  private rows: TextRow[] = [];
  private waiters: Waiter[] = [];

  constructor(
    private readonly q: Queryable,
    private readonly notifyChannel: string,
  ) {}

  add(row: TextRow): Promise<TextOutcome> {
    return new Promise((resolve, reject) => {
      if (this.rows.length === 0) setImmediate(() => void this.flush());
      this.rows.push(row);
      this.waiters.push({ resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const rows = this.rows.splice(0);
    const waiters = this.waiters.splice(0);
    const col = <T>(pick: (r: TextRow) => T): T[] => rows.map(pick);
    try {
      const result = await sql<Returned>`select ord, replay, signal_id, message_id, created
        from intake_receive_texts(
          ${col((r) => r.hotlineId)}::uuid[], ${col((r) => r.messageSid)}::text[],
          ${col((r) => r.threadKey)}::text[], ${col((r) => r.phone)}::text[], ${col((r) => r.body)}::text[],
          ${col((r) => r.meta)}::jsonb[], ${col((r) => r.referenceCode)}::text[],
          ${col((r) => r.receivedAt)}::timestamptz[], ${col((r) => r.language)}::text[],
          ${col((r) => r.state)}::text[], ${col((r) => r.stateInferred)}::boolean[],
          ${col((r) => r.content)}::jsonb[], ${col((r) => r.optOut)}::text[],
          ${col((r) => r.who.userId)}::uuid[], ${col((r) => r.who.label)}::text[], ${col((r) => r.who.ip)}::text[],
          ${this.notifyChannel}::text)`.execute(this.q);
      const byOrd = new Map(result.rows.map((r) => [r.ord, r]));
      waiters.forEach((w, i) => {
        const r = byOrd.get(i);
        if (!r?.signal_id || (!r.replay && !r.message_id)) w.reject(new Error('text was not stored'));
        else
          w.resolve({ replay: r.replay, signalId: r.signal_id, messageId: r.message_id, created: r.created });
      });
    } catch (err) {
      for (const w of waiters) w.reject(err);
    }
  }
}

let lastArrival = 0;
// The millisecond part, formatted once per millisecond.
let arrivalMs = -1;
let arrivalIso = '';

/**
 * Now, to the microsecond, and always later than the last answer in this process (ISO 8601). A
 * webhook is stamped as its handler starts, before it waits for a group commit, so a thread keeps
 * the order texts reached the server even when two from one number go to different transactions.
 */
export function arrivalTime(): string {
  let us = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  if (us <= lastArrival) us = lastArrival + 1;
  lastArrival = us;
  const ms = Math.floor(us / 1000);
  if (ms !== arrivalMs) {
    arrivalMs = ms;
    arrivalIso = new Date(ms).toISOString().slice(0, -1);
  }
  return `${arrivalIso}${String(us % 1000).padStart(3, '0')}Z`;
}

const collectors = new WeakMap<object, TextCollector>();

/**
 * Stores one inbound text through `q` (a transaction, normally a group-commit batch's): gathered
 * with the other texts handed in through the same `q` in this turn of the event loop.
 */
export function receiveText(q: Queryable, notifyChannel: string, row: TextRow): Promise<TextOutcome> {
  let collector = collectors.get(q);
  if (!collector) {
    collector = new TextCollector(q, notifyChannel);
    collectors.set(q, collector);
  }
  return collector.add(row);
}

/**
 * The periodic check. No answer by the deadline raises a reminder: a task for the advocate who sent the referral, a
 * timeline entry and an audit row, once per referral. A periodic check in the server process runs
 * it; it uses plain SQL, so it works the same on the embedded engine and on PostgreSQL.
 */
import { recordAudit, systemActor } from '../../platform/audit/audit';
import type { Database } from '../../platform/db/database';
import type { Queryable } from '../../platform/db/transaction';
import { raiseForChangedCases } from '../mandatory-reports/sweep';
import './tables';
import { addToTimeline } from './timeline';

export async function remindUnansweredReferrals(q: Queryable, now = new Date()): Promise<number> {
  const due = await q
    .updateTable('referrals')
    .set({ reminded_at: now })
    .where('status', '=', 'sent')
    .where('reminded_at', 'is', null)
    .where('respond_by', '<', now)
    .returning(['id', 'hotline_id', 'case_id', 'created_by', 'respond_by'])
    .execute();
  for (const r of due) {
    const who = systemActor('system:referral-reminders', r.hotline_id);
    await q
      .insertInto('tasks')
      .values({
        hotline_id: r.hotline_id,
        case_id: r.case_id,
        title: 'A referral has had no answer: follow up with the partner',
        due_at: now,
        assignee_id: r.created_by,
      })
      .execute();
    await addToTimeline(q, r.hotline_id, who, {
      caseId: r.case_id,
      subjectType: 'referral',
      subjectId: r.id,
      kind: 'referral.reminder',
      details: { respondBy: r.respond_by.toISOString() },
    });
    await recordAudit(q, who, { action: 'referral.reminder', subjectType: 'referral', subjectId: r.id });
  }
  return due.length;
}

const EVERY = 5 * 60_000;

/** Starts the periodic check; returns a function that stops it. */
export function startReferralReminders(database: Database, every = EVERY): () => void {
  let running = false;
  // The first sweep looks at every open case; later ones at what changed since the previous one.
  let since = new Date(0);
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    const started = new Date();
    try {
      await database.db.transaction().execute((trx) => remindUnansweredReferrals(trx));
      await database.db.transaction().execute((trx) => raiseForChangedCases(trx, since));
      since = new Date(started.getTime() - 60_000); // a margin for changes committing mid-sweep
    } catch (err) {
      console.error(`waymark: referral reminders failed: ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), every);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}

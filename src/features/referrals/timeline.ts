/**
 * Referral and required-report steps on a case's timeline (table referral_timeline, described in
 * docs/referrals.md). The case timeline reads these rows beside its own events.
 */
import type { ColumnType, Generated } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';

export interface ReferralTimelineTable {
  id: Generated<string>;
  hotline_id: string;
  case_id: string;
  at: ColumnType<Date, Date | string | undefined, never>;
  subject_type: 'referral' | 'required_report';
  subject_id: string;
  kind: string;
  actor_id: string | null;
  actor_label: string;
  details: ColumnType<unknown, string | undefined, never>;
}

declare module '../../platform/db/schema' {
  interface DB {
    referral_timeline: ReferralTimelineTable;
  }
}

export interface TimelineEntry {
  caseId: string;
  subjectType: 'referral' | 'required_report';
  subjectId: string;
  kind: string;
  /** Statuses, field names and ids: never personal data. */
  details?: Record<string, unknown>;
}

export async function addToTimeline(
  q: Queryable,
  hotlineId: string,
  who: AuditActor,
  e: TimelineEntry,
): Promise<void> {
  await q
    .insertInto('referral_timeline')
    .values({
      hotline_id: hotlineId,
      case_id: e.caseId,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      kind: e.kind,
      actor_id: who.userId,
      actor_label: who.label,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}

export async function caseTimeline(q: Queryable, hotlineId: string, caseId: string) {
  const rows = await q
    .selectFrom('referral_timeline')
    .selectAll()
    .where('hotline_id', '=', hotlineId)
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    at: r.at.toISOString(),
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    kind: r.kind,
    actorLabel: r.actor_label,
    details: r.details as Record<string, unknown>,
  }));
}

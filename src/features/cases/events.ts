/** The case's own timeline of changes, and what a 409 tells the person whose save came second. */
import { conflict } from '../../platform/errors';
import type { Queryable } from '../../platform/db/transaction';
import './tables';

export async function recordCaseEvent(
  q: Queryable,
  e: {
    hotlineId: string;
    caseId: string;
    actorId: string | null;
    kind: string;
    caseVersion: number;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await q
    .insertInto('case_events')
    .values({
      hotline_id: e.hotlineId,
      case_id: e.caseId,
      actor_id: e.actorId,
      kind: e.kind,
      case_version: e.caseVersion,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}

/** A 409 that names what changed since the caller's version, and who changed it. */
export async function caseConflict(q: Queryable, hotlineId: string, caseId: string, since: number) {
  const changes = await q
    .selectFrom('case_events')
    .leftJoin('users', 'users.id', 'case_events.actor_id')
    .select([
      'case_events.kind',
      'case_events.at',
      'case_events.details',
      'case_events.case_version',
      'users.display_name',
    ])
    .where('case_events.hotline_id', '=', hotlineId)
    .where('case_events.case_id', '=', caseId)
    .where('case_events.case_version', '>', since)
    .orderBy('case_events.id')
    .limit(50)
    .execute();
  const current = await q
    .selectFrom('cases')
    .select('version')
    .where('id', '=', caseId)
    .where('hotline_id', '=', hotlineId)
    .executeTakeFirst();
  return conflict(
    'Someone else changed this case since you opened it. Their changes are listed; nothing was overwritten.',
    {
      currentVersion: current?.version ?? null,
      changes: changes.map((c) => ({
        kind: c.kind,
        at: c.at,
        by: c.display_name,
        version: c.case_version,
        fields: (c.details as { fields?: string[] }).fields ?? [],
      })),
    },
  );
}

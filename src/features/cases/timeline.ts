/**
 * A case's timeline: signals linked, notes, tasks created and completed, and changes, newest first.
 * One keyset over all of them, so a case with years of history pages as fast as a new one.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import { decodeCursor, encodeCursor, page, type KeysetCursor } from './keyset';

export interface TimelineRow {
  kind: string;
  at: Date | string;
  key: string;
  ref_id: string;
  label: string | null;
  body: string | null;
  by: string | null;
  details: unknown;
}

/** The rows of one page of the timeline, one more than `limit` (a statement of its own or a subquery). */
export function timelineRows(
  hotlineId: string,
  caseId: string,
  after: KeysetCursor | undefined,
  limit: number,
): RawBuilder<TimelineRow> {
  // Keys sort by kind and id so that entries at the same instant keep one order.
  return sql<TimelineRow>`
    select * from (
      select 'signal' as kind, cs.linked_at as at, 'a' || s.id::text as key, s.id::text as ref_id,
             s.reference_code as label, s.channel as body, u.display_name as by, null::jsonb as details
        from case_signals cs join signals s on s.id = cs.signal_id
        left join users u on u.id = cs.linked_by
       where cs.hotline_id = ${hotlineId} and cs.case_id = ${caseId}
      union all
      select 'note', n.created_at, 'b' || n.id::text, n.id::text, null, n.body, u.display_name, null
        from notes n left join users u on u.id = n.author_id
       where n.hotline_id = ${hotlineId} and n.case_id = ${caseId}
      union all
      select 'task_created', t.created_at, 'c' || t.id::text, t.id::text, t.title, null, u.display_name, null
        from tasks t left join users u on u.id = t.created_by
       where t.hotline_id = ${hotlineId} and t.case_id = ${caseId}
      union all
      select 'task_completed', t.completed_at, 'd' || t.id::text, t.id::text, t.title, null, u.display_name, null
        from tasks t left join users u on u.id = t.completed_by
       where t.hotline_id = ${hotlineId} and t.case_id = ${caseId} and t.completed_at is not null
      union all
      select e.kind, e.at, 'e' || lpad(e.id::text, 20, '0'), e.id::text, null, null, u.display_name, e.details
        from case_events e left join users u on u.id = e.actor_id
       where e.hotline_id = ${hotlineId} and e.case_id = ${caseId}
    ) t
    where ${after ? sql`(at, key) < (${after.at}::timestamptz, ${after.id})` : sql`true`}
    order by at desc, key desc
    limit ${limit + 1}
  `;
}

/** A page of timeline rows as the API gives it; `at` may be a Date or, from JSON, a string. */
export function timelinePage(rows: TimelineRow[], limit: number) {
  const result = page(rows, limit, (r) => encodeCursor(r.at, r.key));
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((r) => ({
      kind: r.kind,
      at: new Date(r.at),
      refId: r.ref_id,
      label: r.label,
      body: r.body,
      by: r.by,
      details: (r.details ?? {}) as Record<string, unknown>,
    })),
  };
}

export async function timeline(
  q: Queryable,
  hotlineId: string,
  caseId: string,
  opts: { cursor?: string | undefined; limit: number },
) {
  const { rows } = await timelineRows(hotlineId, caseId, decodeCursor(opts.cursor), opts.limit).execute(q);
  return timelinePage(rows, opts.limit);
}

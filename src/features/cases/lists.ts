/** The lists an advocate and a supervisor work from; all keyset-paged, all scoped to the hotline. */
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { decodeCursor, encodeCursor, page } from './keyset';
import type { CaseListQuery } from './schema';

export async function listCases(q: Queryable, actor: Actor, who: AuditActor, query: CaseListQuery) {
  const after = decodeCursor(query.cursor);
  let sel = q
    .selectFrom('cases as c')
    .leftJoin('users as u', 'u.id', 'c.assigned_to')
    .select([
      'c.id',
      'c.reference_code',
      'c.status',
      'c.trafficking_type',
      'c.indicator_level',
      'c.identified_at',
      'c.assigned_to',
      'u.display_name',
    ])
    .where('c.hotline_id', '=', actor.hotlineId);
  if (query.status === 'not_closed') sel = sel.where('c.status', '<>', 'closed');
  else if (query.status) sel = sel.where('c.status', '=', query.status);
  if (query.type) sel = sel.where('c.trafficking_type', '=', query.type);
  if (query.assignee === 'me') sel = sel.where('c.assigned_to', '=', actor.userId);
  else if (query.assignee === 'none') sel = sel.where('c.assigned_to', 'is', null);
  else if (query.assignee) sel = sel.where('c.assigned_to', '=', query.assignee);
  if (query.state) {
    const state = query.state;
    sel = sel.where((eb) =>
      eb.exists(
        eb
          .selectFrom('locations as l')
          .select('l.id')
          .whereRef('l.case_id', '=', 'c.id')
          .where('l.hotline_id', '=', actor.hotlineId)
          .where('l.state', '=', state),
      ),
    );
  }
  if (after)
    sel = sel.where(sql<boolean>`(c.identified_at, c.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  const rows = await sel
    .orderBy('c.identified_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const result = page(rows, query.limit, (r) => encodeCursor(r.identified_at, r.id));
  await recordAudit(q, who, {
    action: 'case.list',
    subjectType: 'case',
    details: { count: result.items.length },
  });
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((r) => ({
      id: r.id,
      referenceCode: r.reference_code,
      status: r.status,
      traffickingType: r.trafficking_type,
      indicatorLevel: r.indicator_level,
      identifiedAt: r.identified_at,
      assignedTo: r.assigned_to ? { id: r.assigned_to, displayName: r.display_name ?? '' } : null,
    })),
  };
}

/** Open tasks by due date: one person's, or every overdue one for a supervisor. */
export async function listTasks(
  q: Queryable,
  actor: Actor,
  who: AuditActor,
  opts: { scope: 'mine' | 'overdue'; cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(opts.cursor);
  let sel = q
    .selectFrom('tasks as t')
    .leftJoin('cases as c', 'c.id', 't.case_id')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .select([
      't.id',
      't.title',
      't.due_at',
      't.version',
      't.case_id',
      'c.reference_code',
      't.assignee_id',
      'u.display_name',
    ])
    .where('t.hotline_id', '=', actor.hotlineId)
    .where('t.completed_at', 'is', null)
    .where('t.due_at', 'is not', null);
  sel =
    opts.scope === 'mine'
      ? sel.where('t.assignee_id', '=', actor.userId)
      : sel.where('t.due_at', '<', new Date());
  if (after) sel = sel.where(sql<boolean>`(t.due_at, t.id) > (${after.at}::timestamptz, ${after.id}::uuid)`);
  const rows = await sel
    .orderBy('t.due_at')
    .orderBy('t.id')
    .limit(opts.limit + 1)
    .execute();
  const result = page(rows, opts.limit, (r) => encodeCursor(r.due_at, r.id));
  await recordAudit(q, who, {
    action: 'task.list',
    subjectType: 'task',
    details: { scope: opts.scope, count: result.items.length },
  });
  const now = Date.now();
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((r) => ({
      id: r.id,
      title: r.title,
      dueAt: r.due_at,
      overdue: r.due_at !== null && r.due_at.getTime() < now,
      version: r.version,
      caseId: r.case_id,
      caseReference: r.reference_code,
      assignee: r.assignee_id ? { id: r.assignee_id, displayName: r.display_name ?? '' } : null,
    })),
  };
}

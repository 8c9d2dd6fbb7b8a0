/** Notes and tasks on a case. */
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor';
import type { Queryable } from '../../platform/db/transaction';
import { conflict, notFound, validationFailed } from '../../platform/errors';
import * as store from './store';

export async function addNote(q: Queryable, actor: Actor, caseId: string, body: { body: string }) {
  if (!(await store.findCase(q, actor.hotlineId, caseId))) throw notFound('case');
  return q
    .insertInto('notes')
    .values({ hotline_id: actor.hotlineId, case_id: caseId, author_id: actor.userId, body: body.body })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function addTask(
  q: Queryable,
  actor: Actor,
  caseId: string,
  body: { title: string; dueAt: Date; assigneeId?: string | null | undefined },
) {
  if (!(await store.findCase(q, actor.hotlineId, caseId))) throw notFound('case');
  const assignee = body.assigneeId === undefined ? actor.userId : body.assigneeId;
  if (assignee && !(await store.isStaffOf(q, actor.hotlineId, assignee))) {
    throw validationFailed([{ path: 'body.assigneeId', message: 'Choose an advocate of this hotline' }]);
  }
  return q
    .insertInto('tasks')
    .values({
      hotline_id: actor.hotlineId,
      case_id: caseId,
      title: body.title,
      due_at: body.dueAt,
      assignee_id: assignee,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function completeTask(q: Queryable, actor: Actor, taskId: string, version: number) {
  const task = await q
    .selectFrom('tasks')
    .select(['id', 'version', 'completed_at', 'case_id'])
    .where('hotline_id', '=', actor.hotlineId)
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!task) throw notFound('task');
  const updated = await q
    .updateTable('tasks')
    .set({
      completed_at: sql<Date>`now()`,
      completed_by: actor.userId,
      updated_at: sql<Date>`now()`,
      version: sql<number>`version + 1`,
    })
    .where('hotline_id', '=', actor.hotlineId)
    .where('id', '=', taskId)
    .where('version', '=', version)
    .where('completed_at', 'is', null)
    .returning(['id', 'version', 'case_id'])
    .executeTakeFirst();
  if (!updated) {
    throw conflict('Someone else changed this task since you opened it.', {
      currentVersion: task.version,
      completed: task.completed_at !== null,
    });
  }
  return { id: updated.id, version: updated.version };
}

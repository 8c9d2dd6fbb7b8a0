/**
 * Changing a case: its fields, its status (the workflow, with close guards) and who works it.
 * Every change names the version it was based on; a second save over the same version gets a 409
 * that lists what the first one changed, never a silent overwrite.
 */
import type { Actor } from '../../platform/auth/actor';
import type { Queryable } from '../../platform/db/transaction';
import { notFound, validationFailed } from '../../platform/errors';
import { canCloseCase } from './close-guards';
import { caseConflict, recordCaseEvent } from './events';
import { caseFactsChanged } from './fact-hooks';
import type { ChangeStatusBody, UpdateCaseBody } from './schema';
import * as store from './store';
import { STATUS_MOVES } from './vocabulary';

async function existing(q: Queryable, actor: Actor, caseId: string) {
  const kase = await store.findCase(q, actor.hotlineId, caseId);
  if (!kase) throw notFound('case');
  return kase;
}

export async function updateCaseFields(q: Queryable, actor: Actor, caseId: string, body: UpdateCaseBody) {
  await existing(q, actor, caseId);
  const fields: string[] = [];
  const changes: store.CaseChanges = {};
  if (body.summary !== undefined) {
    changes.summary = body.summary;
    fields.push('summary');
  }
  if (body.traffickingType !== undefined) {
    changes.trafficking_type = body.traffickingType;
    fields.push('traffickingType');
  }
  if (body.indicatorLevel !== undefined) {
    changes.indicator_level = body.indicatorLevel;
    fields.push('indicatorLevel');
  }
  if (body.meansOfControl !== undefined) fields.push('meansOfControl');

  const updated = await store.updateCase(q, actor.hotlineId, caseId, body.version, changes);
  if (!updated) throw await caseConflict(q, actor.hotlineId, caseId, body.version);
  if (body.meansOfControl !== undefined) {
    await store.replaceMeansOfControl(q, actor.hotlineId, caseId, body.meansOfControl);
  }
  await recordCaseEvent(q, {
    hotlineId: actor.hotlineId,
    caseId,
    actorId: actor.userId,
    kind: 'case.updated',
    caseVersion: updated.version,
    details: { fields, ...(body.traffickingType ? { traffickingType: body.traffickingType } : {}) },
  });
  if (body.traffickingType !== undefined || body.indicatorLevel !== undefined)
    await caseFactsChanged(q, { hotlineId: actor.hotlineId, caseId });
  return { id: caseId, version: updated.version, fields };
}

export async function changeStatus(q: Queryable, actor: Actor, caseId: string, body: ChangeStatusBody) {
  // Locked so that a guard's answer (a report filed or not) still holds when the case closes.
  const kase = await store.lockCase(q, actor.hotlineId, caseId);
  if (!kase) throw notFound('case');
  if (kase.version !== body.version) throw await caseConflict(q, actor.hotlineId, caseId, body.version);
  const from = kase.status;
  if (!STATUS_MOVES[from].includes(body.status)) {
    throw validationFailed([
      { path: 'body.status', message: `A ${from} case cannot move to ${body.status}` },
    ]);
  }
  if (body.status === 'closed') {
    const check = await canCloseCase(q, { hotlineId: actor.hotlineId, caseId });
    if (!check.ok) {
      throw validationFailed(check.blockers.map((b) => ({ path: 'body.status', message: b.message })));
    }
  }
  const closing = body.status === 'closed';
  const updated = await store.updateCase(q, actor.hotlineId, caseId, body.version, {
    status: body.status,
    close_reason: closing ? (body.closeReason ?? null) : null,
    closed_at: closing ? new Date() : null,
  });
  if (!updated) throw await caseConflict(q, actor.hotlineId, caseId, body.version);
  if (body.note) {
    await q
      .insertInto('notes')
      .values({ hotline_id: actor.hotlineId, case_id: caseId, author_id: actor.userId, body: body.note })
      .execute();
  }
  await recordCaseEvent(q, {
    hotlineId: actor.hotlineId,
    caseId,
    actorId: actor.userId,
    kind: from === 'closed' ? 'case.reopened' : closing ? 'case.closed' : 'case.status_changed',
    caseVersion: updated.version,
    details: {
      fields: ['status'],
      from,
      to: body.status,
      ...(closing ? { closeReason: body.closeReason } : {}),
    },
  });
  return { id: caseId, version: updated.version, status: updated.status };
}

export async function assignCase(
  q: Queryable,
  actor: Actor,
  caseId: string,
  body: { version: number; assigneeId: string | null },
) {
  await existing(q, actor, caseId);
  if (body.assigneeId && !(await store.isStaffOf(q, actor.hotlineId, body.assigneeId))) {
    throw validationFailed([{ path: 'body.assigneeId', message: 'Choose an advocate of this hotline' }]);
  }
  const updated = await store.updateCase(q, actor.hotlineId, caseId, body.version, {
    assigned_to: body.assigneeId,
  });
  if (!updated) throw await caseConflict(q, actor.hotlineId, caseId, body.version);
  await recordCaseEvent(q, {
    hotlineId: actor.hotlineId,
    caseId,
    actorId: actor.userId,
    kind: 'case.assigned',
    caseVersion: updated.version,
    details: { fields: ['assignedTo'], assigneeId: body.assigneeId },
  });
  return { id: caseId, version: updated.version, status: updated.status };
}

/**
 * Saving a screening: the answers with their checklist version, what Waymark suggested and why,
 * and what the advocate decided. A decision that differs from the suggestion is an override and
 * needs a reason, so a supervisor can see why.
 */
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { conflict, notFound, validationFailed } from '../../platform/errors';
import { checkAnswers } from './checklist';
import { checklistFor } from './checklists';
import { suggest } from './rules';
import type { ScreeningBody } from './schema';
import { presentScreening } from './signals';
import * as store from './store';

export async function screenSignal(
  q: Queryable,
  actor: Actor,
  who: AuditActor,
  signalId: string,
  body: ScreeningBody,
) {
  const signal = await store.findSignal(q, actor.hotlineId, signalId);
  if (!signal) throw notFound('signal');
  const checklist = await checklistFor(q, actor.hotlineId, body.checklistVersion);
  const issues = checkAnswers(checklist, body.answers);
  if (issues.length) throw validationFailed(issues);

  const suggestion = suggest(checklist, body.answers);
  const overriddenFields = (['category', 'traffickingType', 'indicatorLevel'] as const).filter(
    (f) => body.decision[f] !== suggestion[f],
  );
  const overridden = overriddenFields.length > 0;
  if (overridden && !body.overrideReason) {
    throw validationFailed([
      { path: 'body.overrideReason', message: 'Say why you are changing the suggestion' },
    ]);
  }

  const updated = await q
    .updateTable('signals')
    .set({
      category: body.decision.category,
      trafficking_type: body.decision.traffickingType,
      indicator_level: body.decision.indicatorLevel,
      status: 'triaged',
      assigned_to: signal.assigned_to ?? actor.userId,
      updated_at: sql<Date>`now()`,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', signalId)
    .where('hotline_id', '=', actor.hotlineId)
    .where('version', '=', body.signalVersion)
    .returning('version')
    .executeTakeFirst();
  if (!updated) {
    throw conflict('Someone else changed this signal since you opened it. Reload to see their changes.', {
      currentVersion: signal.version,
      current: { status: signal.status, category: signal.category, assignedTo: signal.assigned_to },
    });
  }

  const row = await q
    .insertInto('signal_screenings')
    .values({
      hotline_id: actor.hotlineId,
      signal_id: signalId,
      checklist_version: checklist.version,
      answers: JSON.stringify(body.answers),
      suggested_category: suggestion.category,
      suggested_trafficking_type: suggestion.traffickingType,
      suggested_indicator_level: suggestion.indicatorLevel,
      reasons: JSON.stringify(suggestion.reasons),
      category: body.decision.category,
      trafficking_type: body.decision.traffickingType,
      indicator_level: body.decision.indicatorLevel,
      overridden,
      override_reason: overridden ? (body.overrideReason ?? null) : null,
      screened_by: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  await recordAudit(q, who, {
    action: overridden ? 'signal.screened_with_override' : 'signal.screened',
    subjectType: 'signal',
    subjectId: signalId,
    details: { checklistVersion: checklist.version, overriddenFields },
  });
  return { ...presentScreening(row), suggested: suggestion, signalVersion: updated.version };
}

export async function assignSignal(
  q: Queryable,
  actor: Actor,
  signalId: string,
  input: { signalVersion: number; assigneeId: string | null },
) {
  const signal = await store.findSignal(q, actor.hotlineId, signalId);
  if (!signal) throw notFound('signal');
  if (input.assigneeId) {
    const user = await q
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.assigneeId)
      .where('hotline_id', '=', actor.hotlineId)
      .where('role', 'in', ['admin', 'supervisor', 'advocate'])
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!user)
      throw validationFailed([{ path: 'body.assigneeId', message: 'Choose an advocate of this hotline' }]);
  }
  const updated = await q
    .updateTable('signals')
    .set({
      assigned_to: input.assigneeId,
      status: signal.status === 'new' ? 'in_triage' : signal.status,
      updated_at: sql<Date>`now()`,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', signalId)
    .where('hotline_id', '=', actor.hotlineId)
    .where('version', '=', input.signalVersion)
    .returning('version')
    .executeTakeFirst();
  if (!updated) {
    throw conflict('Someone else changed this signal since you opened it. Reload to see their changes.', {
      currentVersion: signal.version,
      current: { status: signal.status, assignedTo: signal.assigned_to },
    });
  }
  return { ok: true as const, version: updated.version };
}

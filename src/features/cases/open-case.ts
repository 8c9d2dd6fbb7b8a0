/** Opening a case from a signal, and attaching a further signal to an existing case. */
import type { Actor } from '../../platform/auth/actor';
import type { Queryable } from '../../platform/db/transaction';
import { notFound, validationFailed } from '../../platform/errors';
import { latestScreening, findSignal } from '../screening/store';
import type { Answers, MeansOfControl } from '../screening/checklist';
import { checklistFor } from '../screening/checklists';
import { suggest } from '../screening/rules';
import type { TraffickingType } from '../../platform/db/schema';
import { recordCaseEvent } from './events';
import { caseFactsChanged } from './fact-hooks';
import * as store from './store';

type Level = 'high' | 'moderate' | 'none';

export async function openCase(
  q: Queryable,
  actor: Actor,
  input: {
    signalId: string;
    summary: string;
    traffickingType?: TraffickingType | undefined;
    indicatorLevel?: Level | undefined;
  },
) {
  const signal = await findSignal(q, actor.hotlineId, input.signalId);
  if (!signal) throw validationFailed([{ path: 'body.signalId', message: 'No such signal' }]);
  const screening = await latestScreening(q, actor.hotlineId, signal.id);
  const created = await store.insertCase(q, {
    hotlineId: actor.hotlineId,
    summary: input.summary,
    // The screening's decision is the starting point; the advocate may already say otherwise.
    traffickingType:
      input.traffickingType ??
      (screening?.trafficking_type as TraffickingType | undefined) ??
      'not_specified',
    indicatorLevel: input.indicatorLevel ?? (screening?.indicator_level as Level | undefined) ?? null,
    createdBy: actor.userId,
  });
  await store.linkSignal(q, actor.hotlineId, created.id, signal.id, actor.userId);
  if (screening) {
    const checklist = await checklistFor(q, actor.hotlineId, screening.checklist_version);
    const means: MeansOfControl[] = suggest(checklist, screening.answers as Answers).meansOfControl;
    await store.addMeansOfControl(q, actor.hotlineId, created.id, means);
  }
  await recordCaseEvent(q, {
    hotlineId: actor.hotlineId,
    caseId: created.id,
    actorId: actor.userId,
    kind: 'case.opened',
    caseVersion: created.version,
    details: { signalId: signal.id, traffickingType: created.trafficking_type },
  });
  await caseFactsChanged(q, { hotlineId: actor.hotlineId, caseId: created.id });
  return { id: created.id, referenceCode: created.reference_code, version: created.version };
}

export async function attachSignal(q: Queryable, actor: Actor, caseId: string, signalId: string) {
  const kase = await store.findCase(q, actor.hotlineId, caseId);
  if (!kase) throw notFound('case');
  const signal = await findSignal(q, actor.hotlineId, signalId);
  if (!signal) throw validationFailed([{ path: 'body.signalId', message: 'No such signal' }]);
  const added = await store.linkSignal(q, actor.hotlineId, caseId, signalId, actor.userId);
  return { ok: true as const, added };
}

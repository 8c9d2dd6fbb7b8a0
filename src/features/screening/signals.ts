/** Reading signals for triage: the list and one signal with its latest screening. */
import type { AuditActor } from '../../platform/audit/audit';
import { recordAudit } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { notFound } from '../../platform/errors';
import { decodeCursor, encodeCursor, page } from '../cases/keyset';
import type { AnswerValue } from './checklist';
import type { Category, IndicatorLevel, Reason, TraffickingType } from './rules';
import * as store from './store';

/** Channels store what was said in different shapes; the console shows it as lines. */
export function transcriptOf(content: unknown): Array<{ from: string; text: string }> {
  if (!content || typeof content !== 'object') return [];
  const c = content as Record<string, unknown>;
  const messages = Array.isArray(c.messages) ? (c.messages as unknown[]) : null;
  if (messages) {
    return messages.flatMap((m) => {
      if (!m || typeof m !== 'object') return [];
      const r = m as Record<string, unknown>;
      const text = typeof r.text === 'string' ? r.text : typeof r.body === 'string' ? r.body : null;
      const from = typeof r.from === 'string' ? r.from : typeof r.role === 'string' ? r.role : 'signaler';
      return text === null ? [] : [{ from, text }];
    });
  }
  for (const key of ['body', 'text', 'message', 'summary', 'transcript']) {
    const v = c[key];
    if (typeof v === 'string' && v.trim()) return [{ from: 'signaler', text: v }];
  }
  return [];
}

export async function listSignalsForTriage(
  q: Queryable,
  who: AuditActor,
  hotlineId: string,
  query: {
    status: store.SignalFilter;
    unassigned?: 'true' | 'false' | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const rows = await store.listSignals(q, hotlineId, {
    status: query.status,
    unassigned: query.unassigned === 'true',
    after: decodeCursor(query.cursor),
    limit: query.limit,
  });
  const result = page(rows, query.limit, (r) => encodeCursor(r.received_at, r.id));
  await recordAudit(q, who, {
    action: 'signal.list',
    subjectType: 'signal',
    details: { count: result.items.length },
  });
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((r) => ({
      id: r.id,
      referenceCode: r.reference_code,
      channel: r.channel,
      receivedAt: r.received_at,
      status: r.status,
      state: r.state,
      category: r.category,
      assignedTo: r.assigned_to,
    })),
  };
}

export type ScreeningRow = NonNullable<Awaited<ReturnType<typeof store.latestScreening>>>;

export function presentScreening(s: ScreeningRow) {
  return {
    id: s.id,
    checklistVersion: s.checklist_version,
    answers: s.answers as Record<string, AnswerValue>,
    suggested: {
      category: s.suggested_category as Category,
      traffickingType: s.suggested_trafficking_type as TraffickingType,
      indicatorLevel: s.suggested_indicator_level as IndicatorLevel,
      reasons: s.reasons as Reason[],
      meansOfControl: [],
    },
    category: s.category as Category,
    traffickingType: s.trafficking_type as TraffickingType,
    indicatorLevel: s.indicator_level as IndicatorLevel,
    overridden: s.overridden,
    overrideReason: s.override_reason,
    screenedBy: s.screened_by,
    createdAt: s.created_at,
  };
}

export async function readSignal(q: Queryable, hotlineId: string, id: string) {
  const s = await store.findSignal(q, hotlineId, id);
  if (!s) throw notFound('signal');
  const screening = await store.latestScreening(q, hotlineId, id);
  const cases = await store.casesOfSignal(q, hotlineId, id);
  return {
    id: s.id,
    referenceCode: s.reference_code,
    channel: s.channel,
    receivedAt: s.received_at,
    status: s.status,
    state: s.state,
    category: s.category,
    assignedTo: s.assigned_to,
    version: s.version,
    language: s.language,
    city: s.city,
    locationText: s.location_text,
    transcript: transcriptOf(s.content),
    screening: screening ? presentScreening(screening) : null,
    caseIds: cases.map((c) => ({ id: c.id, referenceCode: c.reference_code })),
  };
}

/**
 * Required reports: raised when a case's facts meet a jurisdiction rule, then filed (when, how, to
 * whom, reference) or waived with a reason by a supervisor. A case cannot close while one is neither.
 */
import type { Updateable } from 'kysely';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import type { Queryable } from '../../platform/db/transaction';
import { AppError, conflict, notFound } from '../../platform/errors';
import { addToTimeline } from '../referrals/timeline';
import { meets, readCaseFacts } from './facts';
import { jurisdictions, jurisdictionByCode } from './jurisdictions';
import type { RequiredReport } from './schema';
import * as store from './store';
import type { RequiredReportsTable } from './tables';

const HOUR = 3_600_000;
const STALE = 'Someone changed this report since you opened it. Reload and try again.';

/** Raises every report the case's facts now call for; reports already raised are kept as they are. */
export async function raiseRequiredReports(
  q: Queryable,
  who: AuditActor,
  hotlineId: string,
  caseId: string,
  now = new Date(),
): Promise<number> {
  const facts = await readCaseFacts(q, hotlineId, caseId);
  if (!facts) throw notFound('case');
  let raised = 0;
  for (const j of jurisdictions()) {
    for (const rule of j.rules) {
      if (!meets(rule.condition, facts)) continue;
      const row = await store.insertIfNew(q, {
        hotlineId,
        caseId,
        jurisdiction: j.jurisdiction,
        ruleId: rule.id,
        agency: rule.agency,
        raisedAt: now,
        dueAt: new Date(now.getTime() + rule.deadline.hours * HOUR),
      });
      if (!row) continue;
      raised++;
      await addToTimeline(q, hotlineId, who, {
        caseId,
        subjectType: 'required_report',
        subjectId: row.id,
        kind: 'required_report.raised',
        details: { jurisdiction: j.jurisdiction, ruleId: rule.id, dueAt: row.due_at.toISOString() },
      });
      await recordAudit(q, who, {
        action: 'required_report.raised',
        subjectType: 'case',
        subjectId: caseId,
        details: { reportId: row.id, jurisdiction: j.jurisdiction, ruleId: rule.id },
        hotlineId,
      });
    }
  }
  return raised;
}

export function present(
  r: store.RequiredReportRow & { reference_code?: string },
  now = new Date(),
): RequiredReport {
  const j = jurisdictionByCode(r.jurisdiction);
  const rule = j?.rules.find((x) => x.id === r.rule_id);
  const agency = j?.agencies.find((a) => a.id === r.agency);
  return {
    id: r.id,
    caseId: r.case_id,
    caseReference: r.reference_code,
    jurisdiction: r.jurisdiction,
    ruleId: r.rule_id,
    basis: rule?.basis ?? null,
    title: rule?.title ?? null,
    agency: agency ? { id: agency.id, name: agency.name, channels: agency.channels } : null,
    raisedAt: r.raised_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    overdue: r.status === 'due' && r.due_at.getTime() < now.getTime(),
    status: r.status,
    filedAt: r.filed_at?.toISOString() ?? null,
    filedMethod: r.filed_method,
    filedTo: r.filed_to,
    referenceNumber: r.reference_number,
    waiveReason: r.waive_reason,
    waivedAt: r.waived_at?.toISOString() ?? null,
    version: r.version,
  };
}

/** A case's reports as they stand: reading never raises one. */
export async function reportsOfCase(q: Queryable, actor: Actor, caseId: string) {
  if (!(await store.caseExists(q, actor.hotlineId, caseId))) throw notFound('case');
  return (await store.reportsForCase(q, actor.hotlineId, caseId)).map((r) => present(r));
}

/**
 * Raises what the case's facts call for now, then lists its reports. Changes made through the
 * cases feature raise them as they happen; this catches facts that arrived another way (an
 * import, a birthday) before the periodic sweep does.
 */
export async function checkReportsOfCase(q: Queryable, who: AuditActor, actor: Actor, caseId: string) {
  if (!(await store.caseExists(q, actor.hotlineId, caseId))) throw notFound('case');
  await raiseRequiredReports(q, who, actor.hotlineId, caseId);
  return (await store.reportsForCase(q, actor.hotlineId, caseId)).map((r) => present(r));
}

/** The reports still open on a case: what blocks closing it. */
export async function pendingReports(q: Queryable, hotlineId: string, caseId: string) {
  return (await store.reportsForCase(q, hotlineId, caseId)).filter((r) => r.status === 'due');
}

/** For a cases feature without close guards: call before closing. */
export async function assertCaseMayClose(q: Queryable, hotlineId: string, caseId: string): Promise<void> {
  const message = await closeBlocker(q, hotlineId, caseId);
  if (message) throw conflict(message, { guard: 'mandatory-reports.filed-or-waived' });
}

export async function closeBlocker(q: Queryable, hotlineId: string, caseId: string): Promise<string | null> {
  // The facts may have changed since the last look: raise what they call for first.
  await raiseRequiredReports(
    q,
    { hotlineId, userId: null, label: 'system:close-check', ip: null },
    hotlineId,
    caseId,
  );
  const pending = await pendingReports(q, hotlineId, caseId);
  if (pending.length === 0) return null;
  const names = pending.map(
    (p) => jurisdictionByCode(p.jurisdiction)?.agencies.find((a) => a.id === p.agency)?.name.en ?? p.agency,
  );
  return `A required report is neither filed nor waived: ${names.join('; ')}`;
}

async function editable(q: Queryable, actor: Actor, id: string, version: number) {
  const r = await store.findReport(q, actor.hotlineId, id);
  if (!r) throw notFound('required report');
  if (r.status !== 'due') throw conflict(`This report is already ${r.status}.`);
  if (r.version !== version) throw conflict(STALE);
  return r;
}

/**
 * Moves a due report to filed or waived, only if nobody changed it since `editable` read it (a
 * concurrent change is the same 409 as a stale version), and records the step.
 */
async function settle(
  q: Queryable,
  who: AuditActor,
  actor: Actor,
  r: store.RequiredReportRow,
  change: Updateable<RequiredReportsTable> & { status: 'filed' | 'waived' },
  timelineDetails: Record<string, unknown>,
  auditDetails?: Record<string, unknown>,
) {
  const updated = await q
    .updateTable('required_reports')
    .set({ ...change, updated_at: new Date(), version: r.version + 1 })
    .where('id', '=', r.id)
    .where('version', '=', r.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw conflict(STALE);
  await addToTimeline(q, actor.hotlineId, who, {
    caseId: r.case_id,
    subjectType: 'required_report',
    subjectId: r.id,
    kind: `required_report.${change.status}`,
    details: timelineDetails,
  });
  await recordAudit(q, who, {
    action: `required_report.${change.status}`,
    subjectType: 'required_report',
    subjectId: r.id,
    ...(auditDetails ? { details: auditDetails } : {}),
  });
  return present(updated);
}

export async function fileReport(
  q: Queryable,
  who: AuditActor,
  actor: Actor,
  id: string,
  body: {
    filedAt: string;
    method: store.RequiredReportRow['filed_method'] & string;
    filedTo: string;
    referenceNumber?: string | undefined;
    version: number;
  },
) {
  const r = await editable(q, actor, id, body.version);
  if (new Date(body.filedAt).getTime() > Date.now() + 5 * 60_000) {
    throw new AppError('validation_failed', 'A report cannot be filed in the future.', {
      fields: [{ path: 'body.filedAt', message: 'Must not be in the future' }],
    });
  }
  return settle(
    q,
    who,
    actor,
    r,
    {
      status: 'filed',
      filed_at: new Date(body.filedAt),
      filed_method: body.method,
      filed_to: body.filedTo,
      reference_number: body.referenceNumber ?? null,
      filed_by: actor.userId,
    },
    { ruleId: r.rule_id, method: body.method },
    { method: body.method },
  );
}

export async function waiveReport(
  q: Queryable,
  who: AuditActor,
  actor: Actor,
  id: string,
  body: { reason: string; version: number },
) {
  const r = await editable(q, actor, id, body.version);
  return settle(
    q,
    who,
    actor,
    r,
    { status: 'waived', waive_reason: body.reason, waived_by: actor.userId, waived_at: new Date() },
    { ruleId: r.rule_id },
  );
}

export async function setLawEnforcementConsent(
  q: Queryable,
  who: AuditActor,
  actor: Actor,
  caseId: string,
  personId: string,
  consents: boolean,
) {
  const victim = await q
    .selectFrom('case_persons')
    .select('person_id')
    .where('hotline_id', '=', actor.hotlineId)
    .where('case_id', '=', caseId)
    .where('person_id', '=', personId)
    .where('role', '=', 'victim')
    .executeTakeFirst();
  if (!victim) throw notFound('victim on this case');
  await q
    .insertInto('law_enforcement_consents')
    .values({
      case_id: caseId,
      person_id: personId,
      hotline_id: actor.hotlineId,
      consents,
      recorded_by: actor.userId,
    })
    .onConflict((oc) =>
      oc
        .columns(['case_id', 'person_id'])
        .doUpdateSet({ consents, recorded_by: actor.userId, recorded_at: new Date() }),
    )
    .execute();
  await recordAudit(q, who, {
    action: 'law_enforcement_consent.recorded',
    subjectType: 'case',
    subjectId: caseId,
    details: { consents },
  });
  await raiseRequiredReports(q, who, actor.hotlineId, caseId);
  return { ok: true as const };
}

export async function dueList(q: Queryable, actor: Actor, view: 'due' | 'overdue', now = new Date()) {
  const rows = await store.dueReports(q, actor.hotlineId, { overdueOnly: view === 'overdue', now });
  return rows.map((r) => present(r, now));
}

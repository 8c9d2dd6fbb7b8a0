/** SQL for required reports, always scoped to the caller's hotline. */
import type { Selectable } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import type { RequiredReportsTable } from './tables';

export type RequiredReportRow = Selectable<RequiredReportsTable>;

export const findReport = (q: Queryable, hotlineId: string, id: string) =>
  q
    .selectFrom('required_reports')
    .selectAll()
    .where('hotline_id', '=', hotlineId)
    .where('id', '=', id)
    .executeTakeFirst();

export const reportsForCase = (q: Queryable, hotlineId: string, caseId: string) =>
  q
    .selectFrom('required_reports')
    .selectAll()
    .where('hotline_id', '=', hotlineId)
    .where('case_id', '=', caseId)
    .orderBy('due_at')
    .execute();

export const caseExists = async (q: Queryable, hotlineId: string, caseId: string) =>
  Boolean(
    await q
      .selectFrom('cases')
      .select('id')
      .where('hotline_id', '=', hotlineId)
      .where('id', '=', caseId)
      .executeTakeFirst(),
  );

export async function insertIfNew(
  q: Queryable,
  r: {
    hotlineId: string;
    caseId: string;
    jurisdiction: string;
    ruleId: string;
    agency: string;
    raisedAt: Date;
    dueAt: Date;
  },
): Promise<RequiredReportRow | undefined> {
  return q
    .insertInto('required_reports')
    .values({
      hotline_id: r.hotlineId,
      case_id: r.caseId,
      jurisdiction: r.jurisdiction,
      rule_id: r.ruleId,
      agency: r.agency,
      raised_at: r.raisedAt,
      due_at: r.dueAt,
    })
    .onConflict((oc) => oc.columns(['case_id', 'jurisdiction', 'rule_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export const dueReports = (q: Queryable, hotlineId: string, opts: { overdueOnly: boolean; now: Date }) => {
  let query = q
    .selectFrom('required_reports as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .selectAll('r')
    .select(['c.reference_code'])
    .where('r.hotline_id', '=', hotlineId)
    .where('r.status', '=', 'due');
  if (opts.overdueOnly) query = query.where('r.due_at', '<', opts.now);
  return query.orderBy('r.due_at').limit(500).execute();
};

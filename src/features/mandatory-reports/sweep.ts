/**
 * Raises required reports for cases whose facts changed since the last sweep (a victim added or
 * edited, a location, the case itself), so that supervisors see them due without anyone opening
 * the case. Run by the periodic check in `waymark serve`.
 */
import { sql } from 'kysely';
import { systemActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { raiseRequiredReports } from './service';

export async function raiseForChangedCases(q: Queryable, since: Date, now = new Date()): Promise<number> {
  const rows = await sql<{ id: string; hotline_id: string }>`
    select c.id, c.hotline_id from cases c
    where c.status <> 'closed' and (
      c.updated_at >= ${since}
      or exists (select 1 from case_persons cp join persons p on p.id = cp.person_id
                 where cp.case_id = c.id and (cp.created_at >= ${since} or p.updated_at >= ${since}))
      or exists (select 1 from locations l where l.case_id = c.id and (l.created_at >= ${since} or l.updated_at >= ${since}))
      or exists (select 1 from case_person_groups g where g.case_id = c.id and g.created_at >= ${since})
      or exists (select 1 from law_enforcement_consents lc where lc.case_id = c.id and lc.recorded_at >= ${since})
    )`.execute(q);
  let raised = 0;
  for (const c of rows.rows) {
    raised += await raiseRequiredReports(
      q,
      systemActor('system:required-reports', c.hotline_id),
      c.hotline_id,
      c.id,
      now,
    );
  }
  return raised;
}

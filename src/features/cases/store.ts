/** SQL for cases and what hangs off them. Every query takes the caller's hotline. */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import type { TraffickingType } from '../../platform/db/schema';
import type { CaseStatus } from './vocabulary';
import './tables';

export async function findCase(q: Queryable, hotlineId: string, id: string) {
  return q
    .selectFrom('cases')
    .selectAll()
    .where('hotline_id', '=', hotlineId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Row lock for writes that check something before changing it (closing, linking). */
export async function lockCase(q: Queryable, hotlineId: string, id: string) {
  return q
    .selectFrom('cases')
    .selectAll()
    .where('hotline_id', '=', hotlineId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export const newReferenceCode = (): string =>
  `C-${new Date().getUTCFullYear()}-${randomBytes(4).toString('hex').toUpperCase()}`;

export async function insertCase(
  q: Queryable,
  row: {
    hotlineId: string;
    summary: string;
    traffickingType: TraffickingType;
    indicatorLevel: 'high' | 'moderate' | 'none' | null;
    createdBy: string;
  },
) {
  return q
    .insertInto('cases')
    .values({
      hotline_id: row.hotlineId,
      reference_code: newReferenceCode(),
      summary: row.summary,
      trafficking_type: row.traffickingType,
      indicator_level: row.indicatorLevel,
      created_by: row.createdBy,
      assigned_to: row.createdBy,
      identified_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function linkSignal(
  q: Queryable,
  hotlineId: string,
  caseId: string,
  signalId: string,
  by: string,
) {
  const res = await q
    .insertInto('case_signals')
    .values({ hotline_id: hotlineId, case_id: caseId, signal_id: signalId, linked_by: by })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface CaseChanges {
  summary?: string;
  trafficking_type?: TraffickingType;
  indicator_level?: 'high' | 'moderate' | 'none' | null;
  status?: CaseStatus;
  close_reason?: string | null;
  closed_at?: Date | null;
  assigned_to?: string | null;
}

/** Optimistic concurrency: only the version the caller saw is changed; undefined means someone else was first. */
export async function updateCase(
  q: Queryable,
  hotlineId: string,
  id: string,
  version: number,
  changes: CaseChanges,
) {
  return q
    .updateTable('cases')
    .set({ ...changes, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
    .where('hotline_id', '=', hotlineId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function meansOfControl(q: Queryable, hotlineId: string, caseId: string): Promise<string[]> {
  const rows = await q
    .selectFrom('case_means_of_control')
    .select('code')
    .where('hotline_id', '=', hotlineId)
    .where('case_id', '=', caseId)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

export async function replaceMeansOfControl(
  q: Queryable,
  hotlineId: string,
  caseId: string,
  codes: readonly string[],
) {
  await q
    .deleteFrom('case_means_of_control')
    .where('hotline_id', '=', hotlineId)
    .where('case_id', '=', caseId)
    .execute();
  if (codes.length) {
    await q
      .insertInto('case_means_of_control')
      .values([...new Set(codes)].map((code) => ({ hotline_id: hotlineId, case_id: caseId, code })))
      .execute();
  }
}

export async function addMeansOfControl(
  q: Queryable,
  hotlineId: string,
  caseId: string,
  codes: readonly string[],
) {
  if (!codes.length) return;
  await q
    .insertInto('case_means_of_control')
    .values([...new Set(codes)].map((code) => ({ hotline_id: hotlineId, case_id: caseId, code })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function isStaffOf(q: Queryable, hotlineId: string, userId: string): Promise<boolean> {
  const row = await q
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('hotline_id', '=', hotlineId)
    .where('role', 'in', ['admin', 'supervisor', 'advocate'])
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function assignees(q: Queryable, hotlineId: string) {
  return q
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('hotline_id', '=', hotlineId)
    .where('role', 'in', ['admin', 'supervisor', 'advocate'])
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .limit(500)
    .execute();
}

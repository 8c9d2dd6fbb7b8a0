/** SQL for referrals, scoped to the caller's hotline (and, for partners, to their organisation). */
import type { Selectable, Updateable } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import './tables';
import type { ReferralStatus, ReferralsTable } from './tables';
import '../directory/tables';

export type ReferralRow = Selectable<ReferralsTable> & { service_name: string; organization_name: string };

const withNames = (q: Queryable) =>
  q
    .selectFrom('referrals as r')
    .leftJoin('directory_service_index as s', 's.service_id', 'r.service_id')
    .selectAll('r')
    .select((eb) => [
      eb.fn.coalesce('s.name', eb.val('')).as('service_name'),
      eb.fn.coalesce('s.organization_name', eb.val('')).as('organization_name'),
    ]);

export const findReferral = (q: Queryable, hotlineId: string, id: string) =>
  withNames(q).where('r.hotline_id', '=', hotlineId).where('r.id', '=', id).executeTakeFirst();

export const referralsForCase = (q: Queryable, hotlineId: string, caseId: string) =>
  withNames(q)
    .where('r.hotline_id', '=', hotlineId)
    .where('r.case_id', '=', caseId)
    .orderBy('r.created_at', 'desc')
    .execute();

export const findPartnerReferral = (q: Queryable, hotlineId: string, organizationId: string, id: string) =>
  withNames(q)
    .where('r.hotline_id', '=', hotlineId)
    .where('r.organization_id', '=', organizationId)
    .where('r.id', '=', id)
    .executeTakeFirst();

export const partnerReferrals = (q: Queryable, hotlineId: string, organizationId: string) =>
  withNames(q)
    .where('r.hotline_id', '=', hotlineId)
    .where('r.organization_id', '=', organizationId)
    .orderBy('r.created_at', 'desc')
    .limit(500)
    .execute();

/** Moves a referral from one status to the next; undefined when it was no longer in `from`. */
export async function transition(
  q: Queryable,
  id: string,
  from: ReferralStatus[],
  set: Updateable<ReferralsTable>,
) {
  return q
    .updateTable('referrals')
    .set({ ...set, updated_at: new Date() })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', 'in', from)
    .returning('id')
    .executeTakeFirst();
}

/**
 * What happens after a person is added to or changed on a case. Record linkage puts every mention
 * of one real person in one cluster, in the same transaction as the change.
 */
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import type { LinkRecord } from '../linkage/engine/record';
import { linkPerson } from '../linkage/service';

/** `inserted`: the person as its insert just returned it, when it is new (linkage need not read it). */
export async function afterPersonSaved(
  q: Queryable,
  who: AuditActor,
  hotlineId: string,
  personId: string,
  inserted?: LinkRecord,
): Promise<void> {
  await linkPerson(q, { hotlineId, who }, personId, inserted);
}

/**
 * Record linkage for imported rows. A small batch links record by record (each new mention
 * against what is stored); a large one re-clusters the hotline's records of that type from
 * scratch, which is far quicker than thousands of single look-ups and keeps people's decisions.
 */
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { runBatch } from '../linkage/batch';
import { linkImportedBatch } from '../linkage/service';

export interface ImportedBatch {
  hotlineId: string;
  personIds: string[];
  businessIds: string[];
  signalerIds: string[];
}

/** Above this many new records of one type, a full re-cluster beats linking one by one. */
const INCREMENTAL_LIMIT = 300;

export async function linkImported(q: Queryable, batch: ImportedBatch, who: AuditActor): Promise<void> {
  const scope = { hotlineId: batch.hotlineId, who };
  const small = {
    hotlineId: batch.hotlineId,
    personIds: [] as string[],
    businessIds: [] as string[],
    signalerIds: [] as string[],
  };
  const types = [
    ['person', 'personIds'],
    ['business', 'businessIds'],
    ['signaler', 'signalerIds'],
  ] as const;
  for (const [type, key] of types) {
    if (batch[key].length > INCREMENTAL_LIMIT) await runBatch(q, scope, type);
    else small[key] = batch[key];
  }
  await linkImportedBatch(q, small, who);
}

/**
 * After an import, record linkage has new mentions to place in clusters. The linkage feature
 * registers its batch re-cluster function here (setReclusterHook), so that imports do not depend
 * on it; without one, the new rows keep cluster_id null (a cluster of one each) until linkage runs.
 */
import type { Queryable } from '../../platform/db/transaction';

export interface ImportedBatch {
  hotlineId: string;
  personIds: string[];
  businessIds: string[];
  signalerIds: string[];
}

export type ReclusterHook = (trx: Queryable, batch: ImportedBatch) => Promise<void>;

let hook: ReclusterHook | undefined;

export function setReclusterHook(next: ReclusterHook | undefined): void {
  hook = next;
}

export function reclusterHook(): ReclusterHook | undefined {
  return hook;
}

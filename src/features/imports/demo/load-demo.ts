/** `waymark demo`: the generated dataset goes through the same import path as any file. */
import type { Kysely } from 'kysely';
import type { AuditActor } from '../../../platform/audit/audit';
import type { DB } from '../../../platform/db/schema';
import { importRecords } from '../load';
import type { ImportSummary } from '../schema';
import { applyKnownClusters } from './clusters';
import { buildDemo, type DemoOptions } from './dataset';

export interface DemoResult extends ImportSummary {
  /** True when the generator's known clusters were used instead of record linkage. */
  usedKnownClusters: boolean;
}

export async function loadDemo(
  db: Kysely<DB>,
  options: DemoOptions & {
    hotlineId: string;
    who: AuditActor;
    onProgress?: (d: number, t: number) => void;
    /**
     * 'linkage' (default): record linkage finds who is who, as for any import. 'known': the
     * generator's own answer, for tests of the counting that must not depend on linkage's accuracy.
     */
    clusters?: 'linkage' | 'known';
  },
): Promise<DemoResult> {
  const data = buildDemo(options);
  const usedKnownClusters = options.clusters === 'known';
  const summary = await importRecords(
    db,
    data.records.map((r) => JSON.stringify(r)),
    {
      hotlineId: options.hotlineId,
      who: options.who,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(usedKnownClusters
        ? {
            linkage: 'skip' as const,
            afterLoad: async (trx) => void (await applyKnownClusters(trx, options.hotlineId, data.truth)),
          }
        : {}),
    },
  );
  return { ...summary, usedKnownClusters };
}

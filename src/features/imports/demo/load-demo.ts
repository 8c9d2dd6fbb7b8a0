/** `waymark demo`: the generated dataset goes through the same import path as any file. */
import type { Kysely } from 'kysely';
import type { AuditActor } from '../../../platform/audit/audit';
import type { DB } from '../../../platform/db/schema';
import { importRecords } from '../load';
import type { ImportSummary } from '../schema';
import { buildDemo, type DemoOptions } from './dataset';

/** Loads the demo; record linkage finds who is who, as for any import. */
export async function loadDemo(
  db: Kysely<DB>,
  options: DemoOptions & {
    hotlineId: string;
    who: AuditActor;
    onProgress?: (d: number, t: number) => void;
  },
): Promise<ImportSummary> {
  const data = buildDemo(options);
  return importRecords(
    db,
    data.records.map((r) => JSON.stringify(r)),
    {
      hotlineId: options.hotlineId,
      who: options.who,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
  );
}

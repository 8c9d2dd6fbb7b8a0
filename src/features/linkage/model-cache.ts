/**
 * The hotline's model for one kind of record, kept in memory between calls: a model holds term
 * frequencies for thousands of values, and incremental linking must stay within milliseconds.
 * The cached copy is used while the stored one has the same training time, which is looked up at
 * most every few seconds (a new batch model reaches every process within that time).
 */
import type { Queryable } from '../../platform/db/transaction';
import { defaultModel } from './engine/defaults';
import type { ModelParams } from './engine/model';
import { loadModel } from './store';
import type { EntityType } from './tables';

const cache = new Map<string, { trainedAt: number; params: ModelParams; checkedAt: number }>();
const RECHECK_MS = 5_000;

export async function modelFor(q: Queryable, hotlineId: string, type: EntityType): Promise<ModelParams> {
  const key = `${hotlineId}:${type}`;
  const now = Date.now();
  const recent = cache.get(key);
  if (recent && now - recent.checkedAt < RECHECK_MS) return recent.params;
  const row = await q
    .selectFrom('linkage_models')
    .select('trained_at')
    .where('hotline_id', '=', hotlineId)
    .where('entity_type', '=', type)
    .executeTakeFirst();
  if (!row) {
    cache.delete(key);
    return defaultModel();
  }
  const stamp = new Date(row.trained_at).getTime();
  if (recent && recent.trainedAt === stamp) {
    recent.checkedAt = now;
    return recent.params;
  }
  const params = (await loadModel(q, hotlineId, type)) ?? defaultModel();
  cache.set(key, { trainedAt: stamp, params, checkedAt: now });
  return params;
}

/**
 * The hotline's model for one kind of record, kept in memory between calls: a model holds term
 * frequencies for thousands of values, and incremental linking must stay within milliseconds.
 * The cached copy is used while the stored one has the same training time.
 */
import type { Queryable } from '../../platform/db/transaction';
import { defaultModel } from './engine/defaults';
import type { ModelParams } from './engine/model';
import { loadModel } from './store';
import type { EntityType } from './tables';

const cache = new Map<string, { trainedAt: number; params: ModelParams }>();

export async function modelFor(q: Queryable, hotlineId: string, type: EntityType): Promise<ModelParams> {
  const row = await q
    .selectFrom('linkage_models')
    .select('trained_at')
    .where('hotline_id', '=', hotlineId)
    .where('entity_type', '=', type)
    .executeTakeFirst();
  if (!row) return defaultModel();
  const key = `${hotlineId}:${type}`;
  const stamp = new Date(row.trained_at).getTime();
  const hit = cache.get(key);
  if (hit && hit.trainedAt === stamp) return hit.params;
  const params = (await loadModel(q, hotlineId, type)) ?? defaultModel();
  cache.set(key, { trainedAt: stamp, params });
  return params;
}

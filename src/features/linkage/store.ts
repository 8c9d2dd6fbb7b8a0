/** SQL for the linkage tables; every function takes the hotline it works in. */
import type { Queryable } from '../../platform/db/transaction';
import type { ModelParams } from './engine/model';
import { ordered, type EntityType } from './tables';

export async function loadModel(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
): Promise<ModelParams | undefined> {
  const row = await q
    .selectFrom('linkage_models')
    .select('params')
    .where('hotline_id', '=', hotlineId)
    .where('entity_type', '=', type)
    .executeTakeFirst();
  return row ? (row.params as ModelParams) : undefined;
}

export async function saveModel(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  params: ModelParams,
): Promise<void> {
  await q
    .insertInto('linkage_models')
    .values({
      hotline_id: hotlineId,
      entity_type: type,
      params: JSON.stringify(params),
      records: params.records,
    })
    .onConflict((oc) =>
      oc.columns(['hotline_id', 'entity_type']).doUpdateSet({
        params: JSON.stringify(params),
        records: params.records,
        trained_at: new Date(),
      }),
    )
    .execute();
}

export type Decision = 'confirm' | 'reject';

/** Decisions touching any of `ids` (all of the type's when `ids` is undefined). */
export async function decisionsFor(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  ids?: readonly string[],
): Promise<Array<{ record_a: string; record_b: string; decision: Decision }>> {
  if (ids && ids.length === 0) return [];
  let query = q
    .selectFrom('linkage_decisions')
    .select(['record_a', 'record_b', 'decision'])
    .where('hotline_id', '=', hotlineId)
    .where('entity_type', '=', type);
  if (ids) query = query.where((eb) => eb.or([eb('record_a', 'in', ids), eb('record_b', 'in', ids)]));
  return query.execute();
}

export async function saveDecision(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  a: string,
  b: string,
  decision: Decision,
  userId: string | null,
): Promise<void> {
  const [record_a, record_b] = ordered(a, b);
  await q
    .insertInto('linkage_decisions')
    .values({ hotline_id: hotlineId, entity_type: type, record_a, record_b, decision, decided_by: userId })
    .onConflict((oc) =>
      oc
        .columns(['hotline_id', 'entity_type', 'record_a', 'record_b'])
        .doUpdateSet({ decision, decided_by: userId, decided_at: new Date() }),
    )
    .execute();
}

export async function insertLink(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  a: string,
  b: string,
  probability: number,
  source: 'auto' | 'confirmed' | 'batch',
  userId: string | null,
): Promise<string> {
  const [record_a, record_b] = ordered(a, b);
  const row = await q
    .insertInto('linkage_links')
    .values({
      hotline_id: hotlineId,
      entity_type: type,
      record_a,
      record_b,
      probability,
      source,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

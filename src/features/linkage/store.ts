/** SQL for the linkage tables; every function takes the hotline it works in. */
import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import type { ModelParams } from './engine/model';
import { ordered, type EntityType } from './tables';

export async function replaceKeys(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  recordId: string,
  hashes: readonly number[],
  name: string,
): Promise<void> {
  const unique = [...new Set(hashes)];
  // One round trip: keep the keys that stay, add the new ones, and set or clear the name.
  await sql`
    with gone as (
      delete from linkage_keys
      where entity_type = ${type} and record_id = ${recordId} and not (key_hash = any(${unique}::int[]))
    ), added as (
      insert into linkage_keys (hotline_id, entity_type, record_id, key_hash)
      select ${hotlineId}::uuid, ${type}, ${recordId}::uuid, k from unnest(${unique}::int[]) as k
      on conflict do nothing
    ), unnamed as (
      delete from linkage_names where entity_type = ${type} and record_id = ${recordId} and ${name} = ''
    )
    insert into linkage_names (hotline_id, entity_type, record_id, name_norm)
    select ${hotlineId}::uuid, ${type}, ${recordId}::uuid, ${name} where ${name} <> ''
    on conflict (entity_type, record_id) do update set name_norm = excluded.name_norm`.execute(q);
}

/**
 * The ids of candidates for one record, as a subquery (so that the candidates' rows are read in the
 * same statement): those sharing the most blocking keys, and those whose normalised name is close by
 * trigrams. Both are index lookups (linkage_keys_lookup_idx, linkage_names_trgm_idx). The caller
 * sets the trigram threshold first (`setTrigramThreshold`).
 */
export function candidateIds(
  hotlineId: string,
  type: EntityType,
  recordId: string,
  hashes: readonly number[],
  name: string,
  limit: number,
): RawBuilder<string> {
  const unique = [...new Set(hashes)];
  const useName = name.length >= 3;
  return sql<string>`(
    (select record_id from linkage_keys
     where hotline_id = ${hotlineId} and entity_type = ${type} and key_hash = any(${unique}::int[])
       and record_id <> ${recordId}
     group by record_id
     -- Records sharing more keys first: within a very common key, the likeliest ones.
     order by count(*) desc, record_id
     limit ${limit})
    union
    (select record_id from linkage_names
     where ${useName} and name_norm % ${name} and hotline_id = ${hotlineId} and entity_type = ${type}
       and record_id <> ${recordId}
     limit ${Math.ceil(limit / 2)}))`;
}

/** A high bar for trigram search: the keys already find sound-alike names; this adds close spellings. */
export async function setTrigramThreshold(q: Queryable): Promise<void> {
  await sql`set local pg_trgm.similarity_threshold = 0.6`.execute(q);
}

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

export async function upsertReviewItem(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  a: string,
  b: string,
  probability: number,
): Promise<void> {
  const [record_a, record_b] = ordered(a, b);
  await q
    .insertInto('linkage_review_items')
    .values({ hotline_id: hotlineId, entity_type: type, record_a, record_b, probability })
    .onConflict((oc) =>
      oc
        .columns(['hotline_id', 'entity_type', 'record_a', 'record_b'])
        .doUpdateSet({ probability })
        .where('linkage_review_items.status', '=', 'open'),
    )
    .execute();
}

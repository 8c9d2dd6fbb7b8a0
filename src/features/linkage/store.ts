/** SQL for the linkage tables; every function takes the hotline it works in. */
import { sql } from 'kysely';
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
  await q
    .deleteFrom('linkage_keys')
    .where('entity_type', '=', type)
    .where('record_id', '=', recordId)
    .execute();
  const unique = [...new Set(hashes)];
  if (unique.length) {
    await q
      .insertInto('linkage_keys')
      .values(
        unique.map((key_hash) => ({
          hotline_id: hotlineId,
          entity_type: type,
          record_id: recordId,
          key_hash,
        })),
      )
      .execute();
  }
  await q
    .deleteFrom('linkage_names')
    .where('entity_type', '=', type)
    .where('record_id', '=', recordId)
    .execute();
  if (name) {
    await q
      .insertInto('linkage_names')
      .values({ hotline_id: hotlineId, entity_type: type, record_id: recordId, name_norm: name })
      .execute();
  }
}

/**
 * Candidate ids for one record: those sharing a blocking key, and those whose normalised name is
 * close by trigrams. Both are index lookups (linkage_keys_lookup_idx, linkage_names_trgm_idx).
 */
export async function findCandidates(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  recordId: string,
  hashes: readonly number[],
  name: string,
  limit: number,
): Promise<string[]> {
  const ids = new Set<string>();
  if (hashes.length) {
    const rows = await q
      .selectFrom('linkage_keys')
      .select('record_id')
      .distinct()
      .where('hotline_id', '=', hotlineId)
      .where('entity_type', '=', type)
      .where('key_hash', 'in', [...new Set(hashes)])
      .where('record_id', '!=', recordId)
      .limit(limit)
      .execute();
    for (const r of rows) ids.add(r.record_id);
  }
  if (name.length >= 3) {
    // A high bar: the keys already find sound-alike names; this adds close spellings they miss.
    await sql`set local pg_trgm.similarity_threshold = 0.6`.execute(q);
    const rows = await sql<{ record_id: string }>`
      select record_id from linkage_names
      where name_norm % ${name} and hotline_id = ${hotlineId} and entity_type = ${type} and record_id <> ${recordId}
      limit ${limit}`.execute(q);
    for (const r of rows.rows) ids.add(r.record_id);
  }
  return [...ids];
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

/** Active links touching any of `ids`. */
export async function activeLinksOf(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  ids: readonly string[],
): Promise<Array<{ id: string; record_a: string; record_b: string }>> {
  if (ids.length === 0) return [];
  return q
    .selectFrom('linkage_links')
    .select(['id', 'record_a', 'record_b'])
    .where('hotline_id', '=', hotlineId)
    .where('entity_type', '=', type)
    .where('undone_at', 'is', null)
    .where((eb) => eb.or([eb('record_a', 'in', ids), eb('record_b', 'in', ids)]))
    .execute();
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

/**
 * The statements of incremental linking, each one round trip:
 *   1. the record with its cluster and what people decided about it (not for a record the caller
 *      has just inserted and hands over);
 *   2. its search keys refreshed and its candidates read (bounded per key, rarest keys first; only
 *      when the keys found few, close spellings of the name), by the function linkage_candidates
 *      (migrations 0017, 0025 and 0029);
 *   3. what the scores lead to, decided and written in one call (linkage_write_outcome, migration
 *      0026): the clusters of the candidates above the automatic threshold and the rejections that
 *      could forbid joining them read, then links, review items, cluster ids and the audit record
 *      written together.
 */
import { sql } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import type { LinkRecord } from './engine/record';
import { componentCte } from './clusters';
import { COLUMNS_OF, ROW_TO_RECORD, TABLE_OF } from './entities';
import type { EntityType } from './tables';

/** Records read per blocking key: a very common key (a frequent name) adds no more than this. */
export const PER_KEY_LIMIT = 40;

/**
 * Close spellings are looked for only when the keys found fewer records than this: it matters for
 * a rare name with little else recorded, which is when the keys find little.
 */
export const CLOSE_BELOW = 10;

export interface Surroundings {
  record: LinkRecord;
  /** The records joined to it through active links, itself included. */
  members: Set<string>;
  decided: Map<string, 'confirm' | 'reject'>;
}

export async function recordWithSurroundings(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  id: string,
): Promise<Surroundings | undefined> {
  const { rows } = await sql<Record<string, unknown>>`
    with recursive ${componentCte(hotlineId, type, [id])}
    select ${sql.raw(COLUMNS_OF[type])},
      array(select c.id::text from component c) as members,
      (select coalesce(json_agg(json_build_array(
                 case when d.record_a = ${id}::uuid then d.record_b else d.record_a end, d.decision)), '[]')
       from linkage_decisions d
       where d.hotline_id = ${hotlineId} and d.entity_type = ${type}
         and (d.record_a = ${id} or d.record_b = ${id})) as decided
    from ${sql.table(TABLE_OF[type])}
    where hotline_id = ${hotlineId} and id = ${id}`.execute(q);
  const row = rows[0];
  if (!row) return undefined;
  const decidedRows = (typeof row.decided === 'string' ? JSON.parse(row.decided) : row.decided) as Array<
    [string, 'confirm' | 'reject']
  >;
  return {
    record: ROW_TO_RECORD[type](row),
    members: new Set(row.members as string[]),
    decided: new Map(decidedRows),
  };
}

/**
 * Rewrites the record's search keys and name, and reads its candidates: the function
 * linkage_candidates (migrations 0014 and 0017, a PL/pgSQL function, so its plans are kept per
 * session) finds up to `limit` records sharing the most keys (ties: the rarer key first); only when
 * those are fewer than CLOSE_BELOW, up to limit / 2 more whose name is close (through the one-edit
 * variants of the name's first and last word). Each is then read by its primary key.
 */
export async function refreshKeysAndFindCandidates(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  id: string,
  hashes: readonly number[],
  name: string,
  limit: number,
): Promise<LinkRecord[]> {
  const unique = [...new Set(hashes)];
  const closeBelow = limit === 0 ? 0 : CLOSE_BELOW;
  const { rows } = await sql<Record<string, unknown>>`
    select r.* from linkage_candidates(${hotlineId}::uuid, ${type}, ${id}::uuid, ${unique}::int[], ${name},
                                       ${limit}::int, ${PER_KEY_LIMIT}::int, ${closeBelow}::int) as c(record_id)
    -- Each candidate read by its primary key (a join could scan the whole table instead).
    cross join lateral (
      select ${sql.raw(COLUMNS_OF[type])} from ${sql.table(TABLE_OF[type])}
      where id = c.record_id and hotline_id = ${hotlineId}
      limit 1) r
    order by r.id`.execute(q);
  return rows.map(ROW_TO_RECORD[type]);
}

/** What a scored record is to be joined to, in the order to try (highest probability first). */
export interface Scored {
  /** Above the automatic threshold: joined unless someone rejected a pair the join would unite. */
  strong: Array<{ id: string; probability: number }>;
  /** In the review band: queued for a person, unless the record's cluster already holds them. */
  review: Array<{ id: string; probability: number }>;
}

/**
 * Statement 3: linkage_write_outcome (migration 0026) reads the strong candidates' clusters and
 * the rejections around them, joins what may be joined, and writes the links, review items,
 * cluster ids and the audit record. Answers what it linked and the cluster after linking.
 */
export async function writeOutcome(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  id: string,
  mine: ReadonlySet<string>,
  scored: Scored,
  who: AuditActor,
): Promise<{ linked: string[]; clusterId: string | null; queued: number }> {
  const { rows } = await sql<{ linked: string[]; cluster_id: string | null; queued: number }>`
    select linked::text[] as linked, cluster_id::text as cluster_id, queued
    from linkage_write_outcome(${hotlineId}::uuid, ${type}, ${id}::uuid, ${[...mine]}::uuid[],
      ${scored.strong.map((c) => c.id)}::uuid[], ${scored.strong.map((c) => c.probability)}::float8[],
      ${scored.review.map((c) => c.id)}::uuid[], ${scored.review.map((c) => c.probability)}::float8[],
      ${who.hotlineId}::uuid, ${who.userId}::uuid, ${who.label}, ${who.ip})`.execute(q);
  const row = rows[0]!;
  return { linked: row.linked, clusterId: row.cluster_id, queued: row.queued };
}

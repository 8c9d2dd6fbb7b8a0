/**
 * The statements of incremental linking, each one round trip:
 *   1. the record with its cluster and what people decided about it;
 *   2. its search keys refreshed and its candidates read (bounded per key, rarest keys first; only
 *      when the keys found few, close spellings of the name), by the function linkage_candidates
 *      of migration 0017;
 *   3. only when a candidate scores above the automatic threshold: the clusters of those
 *      candidates and the rejections that could forbid joining them;
 *   4. links, review items, cluster ids and the audit record written together.
 */
import { sql } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import type { LinkRecord } from './engine/record';
import { componentCte } from './clusters';
import { COLUMNS_OF, ROW_TO_RECORD, TABLE_OF } from './entities';
import { ordered, type EntityType } from './tables';

/** Records read per blocking key: a very common key (a frequent name) adds no more than this. */
export const PER_KEY_LIMIT = 40;

/**
 * Close spellings are looked for only when the keys found fewer records than this: it matters for
 * a rare name with little else recorded, which is when the keys find little.
 */
export const CLOSE_BELOW = 10;

export interface Surroundings {
  record: LinkRecord;
  clusterId: string | null;
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
    select ${sql.raw(COLUMNS_OF[type])}, cluster_id,
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
    clusterId: (row.cluster_id as string | null) ?? null,
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

/**
 * For candidates about to be linked: each one's cluster, and the rejections between any record of
 * those clusters or of `mine` and another record.
 */
export async function clustersAndRejections(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  seeds: readonly string[],
  mine: ReadonlySet<string>,
): Promise<{ clusters: Map<string, Set<string>>; rejected: Array<[string, string]> }> {
  const { rows } = await sql<{ seed: string | null; id: string | null; a: string | null; b: string | null }>`
    with recursive ${componentCte(hotlineId, type, seeds)},
    touched as (select id from component union select unnest(${[...mine]}::uuid[]))
    select seed::text, id::text, null as a, null as b from component
    union all
    select null, null, record_a::text, record_b::text from linkage_decisions
    where hotline_id = ${hotlineId} and entity_type = ${type} and decision = 'reject'
      and (record_a in (select id from touched) or record_b in (select id from touched))`.execute(q);
  const clusters = new Map<string, Set<string>>();
  const rejected: Array<[string, string]> = [];
  for (const r of rows) {
    if (r.seed && r.id) {
      const set = clusters.get(r.seed) ?? new Set<string>();
      set.add(r.id);
      clusters.set(r.seed, set);
    } else if (r.a && r.b) rejected.push([r.a, r.b]);
  }
  return { clusters, rejected };
}

export interface Writes {
  links: Array<{ other: string; probability: number }>;
  review: Array<{ other: string; probability: number }>;
  /** The cluster after linking and its members (whose cluster_id is set where it differs). */
  clusterId: string | null;
  members: readonly string[];
  audit: { who: AuditActor; details: Record<string, unknown> };
}

export async function writeOutcome(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  id: string,
  w: Writes,
): Promise<void> {
  const pairs = (list: Writes['links']) => {
    const a: string[] = [];
    const b: string[] = [];
    const p: number[] = [];
    for (const x of list) {
      const [ra, rb] = ordered(id, x.other);
      a.push(ra);
      b.push(rb);
      p.push(x.probability);
    }
    return { a, b, p };
  };
  const links = pairs(w.links);
  const review = pairs(w.review);
  const { who } = w.audit;
  await sql`
    with links as (
      insert into linkage_links (hotline_id, entity_type, record_a, record_b, probability, source, created_by)
      select ${hotlineId}::uuid, ${type}, a, b, p, 'auto', ${who.userId}::uuid
      from unnest(${links.a}::uuid[], ${links.b}::uuid[], ${links.p}::float8[]) as t(a, b, p)
    ), review as (
      insert into linkage_review_items (hotline_id, entity_type, record_a, record_b, probability)
      select ${hotlineId}::uuid, ${type}, a, b, p
      from unnest(${review.a}::uuid[], ${review.b}::uuid[], ${review.p}::float8[]) as t(a, b, p)
      on conflict (hotline_id, entity_type, record_a, record_b) do update set probability = excluded.probability
      where linkage_review_items.status = 'open'
    ), clusters as (
      update ${sql.table(TABLE_OF[type])} set cluster_id = ${w.clusterId}::uuid
      where hotline_id = ${hotlineId} and id = any(${[...w.members]}::uuid[])
        and cluster_id is distinct from ${w.clusterId}::uuid
    )
    insert into audit_events (hotline_id, actor_user_id, actor_label, action, subject_type, subject_id, ip, details)
    values (${who.hotlineId}::uuid, ${who.userId}::uuid, ${who.label}, 'linkage.link', ${type}, ${id}, ${who.ip},
            ${JSON.stringify(w.audit.details)}::jsonb)`.execute(q);
}

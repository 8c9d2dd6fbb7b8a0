/**
 * Clusters in the database: a cluster is a group of records joined by active links. After links
 * change, the groups around the touched records are found again and their cluster_id rewritten
 * (the smallest member id, or null for a record on its own).
 */
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import { setClusterIds } from './entities';
import { decisionsFor } from './store';
import type { EntityType } from './tables';

/**
 * A recursive `component(seed, id)` for a `with recursive` clause: each seed with every record
 * joined to it through active links, itself included.
 */
export const componentCte = (hotlineId: string, type: EntityType, seeds: readonly string[]) => sql`
  component(seed, id) as (
    select s, s from unnest(${seeds}::uuid[]) as s
    union
    select c.seed, case when l.record_a = c.id then l.record_b else l.record_a end
    from component c
    join linkage_links l on (l.record_a = c.id or l.record_b = c.id)
    where l.undone_at is null and l.entity_type = ${type} and l.hotline_id = ${hotlineId}
  )`;

/** The records joined to `seed` through active links, seed included (one recursive query). */
export async function componentOf(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  seed: string,
): Promise<Set<string>> {
  const { rows } = await sql<{ id: string }>`
    with recursive ${componentCte(hotlineId, type, [seed])}
    select id::text from component`.execute(q);
  return new Set(rows.map((r) => r.id));
}

/** Rewrites cluster_id for the groups containing the seeds; returns each seed's cluster id. */
export async function refreshClusters(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  seeds: readonly string[],
): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>();
  const done = new Set<string>();
  for (const seed of seeds) {
    if (done.has(seed)) continue;
    const members = [...(await componentOf(q, hotlineId, type, seed))];
    members.forEach((m) => done.add(m));
    const clusterId = members.length > 1 ? members.reduce((a, b) => (a < b ? a : b)) : null;
    await setClusterIds(q, hotlineId, type, clusterId, members);
    for (const m of members) if (seeds.includes(m)) result.set(m, clusterId);
  }
  return result;
}

/** Whether joining the two groups would put a pair that a person rejected into one cluster. */
export async function joinIsRejected(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  left: ReadonlySet<string>,
  right: ReadonlySet<string>,
): Promise<boolean> {
  const rejected = (await decisionsFor(q, hotlineId, type, [...left])).filter((d) => d.decision === 'reject');
  return rejected.some(
    (d) => (left.has(d.record_a) && right.has(d.record_b)) || (left.has(d.record_b) && right.has(d.record_a)),
  );
}

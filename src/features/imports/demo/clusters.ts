/**
 * Sets cluster_id from the demo generator's own knowledge of who is who: `waymark demo
 * --known-clusters` and the tests that check the counting rules independently of how well record
 * linkage does. Real imports never use it.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction';
import type { Truth } from './state-year';

function clusterUuid(hotlineId: string, trueId: string): string {
  const h = createHash('sha256').update(`${hotlineId}:${trueId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Only true identities with two or more mentions need a cluster id; the rest are clusters of one. */
function shared(map: Map<string, string>): Array<[string, string]> {
  const count = new Map<string, number>();
  for (const t of map.values()) count.set(t, (count.get(t) ?? 0) + 1);
  return [...map].filter(([, t]) => (count.get(t) ?? 0) > 1);
}

export async function applyKnownClusters(trx: Tx, hotlineId: string, truth: Truth): Promise<number> {
  let n = 0;
  for (const table of ['persons', 'businesses', 'signalers'] as const) {
    const pairs = shared(truth[table]);
    for (let i = 0; i < pairs.length; i += 5000) {
      const chunk = pairs.slice(i, i + 5000);
      const ext = chunk.map(([e]) => e);
      const cluster = chunk.map(([, t]) => clusterUuid(hotlineId, t));
      const r = await sql`update ${sql.table(table)} as t set cluster_id = v.cluster::uuid
        from unnest(${ext}::text[], ${cluster}::text[]) as v(ext, cluster)
        where t.hotline_id = ${hotlineId} and t.external_id = v.ext and t.cluster_id is null`.execute(trx);
      n += Number(r.numAffectedRows ?? 0);
    }
  }
  return n;
}

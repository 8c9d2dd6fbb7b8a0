/**
 * `waymark linkage run`: re-clusters every record of one type for a hotline from scratch, keeping
 * what people decided (confirmed pairs stay linked, rejected pairs stay apart). The model is
 * estimated from the hotline's own records when there are enough of them, and saved for
 * incremental linking.
 */
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { defaultModel } from './engine/defaults';
import { linkRecords, type LinkOptions } from './engine/link';
import { prepare } from './engine/record';
import { loadRecords, searchName } from './entities';
import { blockingHashes } from './service';
import { decisionsFor, saveModel } from './store';
import type { EntityType } from './tables';

/** Below this many records EM has too little to learn from; the default model scores instead. */
export const MIN_RECORDS_TO_TRAIN = 500;
const CHUNK = 2000;

export interface BatchOutcome {
  records: number;
  clusters: number;
  links: number;
  reviewItems: number;
  trained: boolean;
}

async function inChunks<T>(items: readonly T[], work: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await work(items.slice(i, i + CHUNK));
}

export async function runBatch(
  q: Queryable,
  scope: { hotlineId: string; who: AuditActor },
  type: EntityType,
  options: Pick<LinkOptions, 'onProgress'> = {},
): Promise<BatchOutcome> {
  const { hotlineId } = scope;
  const records = await loadRecords(q, hotlineId, type);
  const index = new Map(records.map((r, i) => [r.id, i]));
  const decided = await decisionsFor(q, hotlineId, type);
  const pairsOf = (d: 'confirm' | 'reject'): Array<[number, number]> =>
    decided
      .filter((x) => x.decision === d && index.has(x.record_a) && index.has(x.record_b))
      .map((x) => [index.get(x.record_a)!, index.get(x.record_b)!]);
  const trained = records.length >= MIN_RECORDS_TO_TRAIN;
  const result = linkRecords(records, {
    decisions: { confirmed: pairsOf('confirm'), rejected: pairsOf('reject') },
    ...(trained ? {} : { model: defaultModel() }),
    onProgress: options.onProgress,
  });
  const decidedPairs = new Set(decided.map((d) => `${d.record_a}|${d.record_b}`));
  const idOf = (i: number): string => records[i]!.id;
  const pairKey = (p: number): [string, string] => {
    const a = idOf(result.pairs.left[p]!);
    const b = idOf(result.pairs.right[p]!);
    return a < b ? [a, b] : [b, a];
  };

  // Links: the previous run's automatic links give way to this run's; confirmed ones stay.
  await q
    .updateTable('linkage_links')
    .set({ undone_at: new Date(), undone_reason: 'rerun' })
    .where('hotline_id', '=', hotlineId)
    .where('entity_type', '=', type)
    .where('undone_at', 'is', null)
    .where('source', 'in', ['auto', 'batch'])
    .execute();
  const edges = result.edges.map((p) => {
    const [record_a, record_b] = pairKey(p);
    return {
      hotline_id: hotlineId,
      entity_type: type,
      record_a,
      record_b,
      probability: result.pairs.probability[p]!,
      source: 'batch' as const,
      created_by: scope.who.userId,
    };
  });
  await inChunks(edges, async (chunk) => {
    await q.insertInto('linkage_links').values(chunk).execute();
  });

  // cluster_id: the smallest member id of each cluster of two or more, null for the rest.
  const members = new Map<number, string[]>();
  result.labels.forEach((label, i) => {
    const list = members.get(label);
    if (list) list.push(idOf(i));
    else members.set(label, [idOf(i)]);
  });
  const table = type === 'person' ? 'persons' : type === 'business' ? 'businesses' : 'signalers';
  const singles: string[] = [];
  for (const ids of members.values()) {
    if (ids.length === 1) {
      singles.push(ids[0]!);
      continue;
    }
    const clusterId = ids.reduce((a, b) => (a < b ? a : b));
    await inChunks(ids, async (chunk) => {
      await q
        .updateTable(table)
        .set({ cluster_id: clusterId })
        .where('hotline_id', '=', hotlineId)
        .where('id', 'in', chunk)
        .execute();
    });
  }
  await inChunks(singles, async (chunk) => {
    await q
      .updateTable(table)
      .set({ cluster_id: null })
      .where('hotline_id', '=', hotlineId)
      .where('id', 'in', chunk)
      .where('cluster_id', 'is not', null)
      .execute();
  });

  // The review queue: doubtful pairs nobody has decided.
  await q
    .updateTable('linkage_review_items')
    .set({ status: 'superseded' })
    .where('hotline_id', '=', hotlineId)
    .where('entity_type', '=', type)
    .where('status', '=', 'open')
    .execute();
  const review = result.review
    .map((p) => ({ pair: pairKey(p), probability: result.pairs.probability[p]! }))
    .filter((r) => !decidedPairs.has(`${r.pair[0]}|${r.pair[1]}`));
  await inChunks(review, async (chunk) => {
    await q
      .insertInto('linkage_review_items')
      .values(
        chunk.map((r) => ({
          hotline_id: hotlineId,
          entity_type: type,
          record_a: r.pair[0],
          record_b: r.pair[1],
          probability: r.probability,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['hotline_id', 'entity_type', 'record_a', 'record_b'])
          .doUpdateSet((eb) => ({ probability: eb.ref('excluded.probability'), status: 'open' }))
          .where('linkage_review_items.status', 'in', ['open', 'superseded']),
      )
      .execute();
  });

  await refreshSearchKeys(q, hotlineId, type, records);
  if (trained) await saveModel(q, hotlineId, type, result.params);
  const outcome = {
    records: records.length,
    clusters: members.size,
    links: edges.length,
    reviewItems: review.length,
    trained,
  };
  await recordAudit(q, scope.who, {
    action: 'linkage.batch_run',
    subjectType: type,
    details: { ...outcome },
  });
  return outcome;
}

/** Rewrites the candidate-search keys and names of every record of the type. */
async function refreshSearchKeys(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  records: Awaited<ReturnType<typeof loadRecords>>,
): Promise<void> {
  await q
    .deleteFrom('linkage_keys')
    .where('hotline_id', '=', hotlineId)
    .where('entity_type', '=', type)
    .execute();
  await q
    .deleteFrom('linkage_names')
    .where('hotline_id', '=', hotlineId)
    .where('entity_type', '=', type)
    .execute();
  const keys: Array<{ hotline_id: string; entity_type: EntityType; record_id: string; key_hash: number }> =
    [];
  const names: Array<{ hotline_id: string; entity_type: EntityType; record_id: string; name_norm: string }> =
    [];
  for (const r of records) {
    const p = prepare(r);
    if (p.empty) continue;
    for (const key_hash of new Set(blockingHashes(p)))
      keys.push({ hotline_id: hotlineId, entity_type: type, record_id: r.id, key_hash });
    const name = searchName(r);
    if (name) names.push({ hotline_id: hotlineId, entity_type: type, record_id: r.id, name_norm: name });
  }
  await inChunks(keys, async (chunk) => {
    await q.insertInto('linkage_keys').values(chunk).execute();
  });
  await inChunks(names, async (chunk) => {
    await q.insertInto('linkage_names').values(chunk).execute();
  });
}

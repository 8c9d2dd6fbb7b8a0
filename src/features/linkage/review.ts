/**
 * What people do with linkage: look at the queue, confirm or reject a pair, undo a link, and see
 * why two records were (or were not) thought to be one. Every function is scoped to the caller's
 * hotline: a record or item of another hotline is not found.
 */
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import { conflict, notFound } from '../../platform/errors';
import type { Queryable } from '../../platform/db/transaction';
import { prepare } from './engine/record';
import { explain, type Explanation } from './engine/score';
import { componentOf, joinIsRejected, refreshClusters } from './clusters';
import { clusterIdsOf, loadRecords } from './entities';
import { modelFor } from './model-cache';
import type { RecordSummary, ReviewItem } from './schema';
import { insertLink, saveDecision } from './store';
import type { EntityType } from './tables';

async function summaries(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  ids: string[],
): Promise<Map<string, RecordSummary>> {
  const records = await loadRecords(q, hotlineId, type, [...new Set(ids)]);
  const clusters = await clusterIdsOf(q, hotlineId, type, ids);
  return new Map(
    records.map((r) => [
      r.id,
      {
        id: r.id,
        name: [
          r.orgName ?? r.givenName ?? '',
          r.orgName ? '' : (r.familyName ?? ''),
          r.givenName || r.familyName || r.orgName ? '' : (r.fullName ?? ''),
        ]
          .filter(Boolean)
          .join(' '),
        birthDate: r.birthDate ?? null,
        ageYears: r.ageYears ?? null,
        phones: [...(r.phones ?? [])],
        emails: [...(r.emails ?? [])],
        clusterId: clusters.get(r.id) ?? null,
      },
    ]),
  );
}

type ItemRow = {
  id: string;
  entity_type: EntityType;
  record_a: string;
  record_b: string;
  probability: number;
  status: ReviewItem['status'];
  created_at: Date;
};

async function present(q: Queryable, hotlineId: string, rows: ItemRow[]): Promise<ReviewItem[]> {
  const out: ReviewItem[] = [];
  for (const type of ['person', 'business', 'signaler'] as const) {
    const mine = rows.filter((r) => r.entity_type === type);
    if (!mine.length) continue;
    const s = await summaries(
      q,
      hotlineId,
      type,
      mine.flatMap((r) => [r.record_a, r.record_b]),
    );
    for (const r of mine) {
      const a = s.get(r.record_a);
      const b = s.get(r.record_b);
      if (!a || !b) continue;
      out.push({
        id: r.id,
        entityType: type,
        probability: r.probability,
        status: r.status,
        createdAt: r.created_at,
        recordA: a,
        recordB: b,
      });
    }
  }
  return out;
}

const itemColumns = [
  'id',
  'entity_type',
  'record_a',
  'record_b',
  'probability',
  'status',
  'created_at',
] as const;

export async function listReviewQueue(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  limit: number,
): Promise<ReviewItem[]> {
  const rows = await q
    .selectFrom('linkage_review_items')
    .select(itemColumns)
    .where('hotline_id', '=', hotlineId)
    .where('entity_type', '=', type)
    .where('status', '=', 'open')
    .orderBy('probability', 'desc')
    .limit(limit)
    .execute();
  return present(q, hotlineId, rows);
}

async function findItem(q: Queryable, hotlineId: string, id: string): Promise<ItemRow> {
  const row = await q
    .selectFrom('linkage_review_items')
    .select(itemColumns)
    .where('id', '=', id)
    .where('hotline_id', '=', hotlineId)
    .executeTakeFirst();
  if (!row) throw notFound('review item');
  return row;
}

export async function explainPair(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  a: string,
  b: string,
): Promise<{ recordA: RecordSummary; recordB: RecordSummary; explanation: Explanation }> {
  const records = await loadRecords(q, hotlineId, type, [a, b]);
  const ra = records.find((r) => r.id === a);
  const rb = records.find((r) => r.id === b);
  if (!ra || !rb) throw notFound(type);
  const s = await summaries(q, hotlineId, type, [a, b]);
  const explanation = explain(await modelFor(q, hotlineId, type), prepare(ra), prepare(rb));
  return { recordA: s.get(a)!, recordB: s.get(b)!, explanation };
}

export async function reviewDetail(
  q: Queryable,
  hotlineId: string,
  id: string,
): Promise<ReviewItem & { explanation: Explanation }> {
  const row = await findItem(q, hotlineId, id);
  const [item] = await present(q, hotlineId, [row]);
  if (!item) throw notFound('review item');
  const { explanation } = await explainPair(q, hotlineId, row.entity_type, row.record_a, row.record_b);
  return { ...item, explanation };
}

export async function decideReviewItem(
  q: Queryable,
  who: AuditActor & { hotlineId: string },
  id: string,
  decision: 'confirm' | 'reject',
): Promise<Record<string, string | null>> {
  const hotlineId = who.hotlineId;
  const item = await findItem(q, hotlineId, id);
  if (item.status !== 'open') throw conflict('This pair has already been decided.');
  const type = item.entity_type;
  if (decision === 'confirm') {
    const left = await componentOf(q, hotlineId, type, item.record_a);
    const right = await componentOf(q, hotlineId, type, item.record_b);
    if (!left.has(item.record_b) && (await joinIsRejected(q, hotlineId, type, left, right))) {
      throw conflict('Joining these would put together records someone decided are different people.');
    }
    await insertLink(
      q,
      hotlineId,
      type,
      item.record_a,
      item.record_b,
      item.probability,
      'confirmed',
      who.userId,
    );
  }
  await saveDecision(q, hotlineId, type, item.record_a, item.record_b, decision, who.userId);
  await q
    .updateTable('linkage_review_items')
    .set({
      status: decision === 'confirm' ? 'confirmed' : 'rejected',
      resolved_at: new Date(),
      resolved_by: who.userId,
    })
    .where('id', '=', id)
    .execute();
  const clusters = await refreshClusters(q, hotlineId, type, [item.record_a, item.record_b]);
  await recordAudit(q, who, {
    action: `linkage.${decision}`,
    subjectType: 'linkage_review_item',
    subjectId: id,
    details: { entityType: type, recordA: item.record_a, recordB: item.record_b },
  });
  return Object.fromEntries(clusters);
}

/** Undoes a link: it stops holding the records together, and the pair is marked as rejected. */
export async function undoLink(
  q: Queryable,
  who: AuditActor & { hotlineId: string },
  linkId: string,
): Promise<Record<string, string | null>> {
  const hotlineId = who.hotlineId;
  const link = await q
    .selectFrom('linkage_links')
    .select(['id', 'entity_type', 'record_a', 'record_b', 'undone_at'])
    .where('id', '=', linkId)
    .where('hotline_id', '=', hotlineId)
    .executeTakeFirst();
  if (!link) throw notFound('link');
  if (link.undone_at) throw conflict('This link was already undone.');
  await q
    .updateTable('linkage_links')
    .set({ undone_at: new Date(), undone_by: who.userId, undone_reason: 'undo' })
    .where('id', '=', linkId)
    .execute();
  await saveDecision(q, hotlineId, link.entity_type, link.record_a, link.record_b, 'reject', who.userId);
  const clusters = await refreshClusters(q, hotlineId, link.entity_type, [link.record_a, link.record_b]);
  await recordAudit(q, who, {
    action: 'linkage.undo',
    subjectType: 'linkage_link',
    subjectId: linkId,
    details: { entityType: link.entity_type, recordA: link.record_a, recordB: link.record_b },
  });
  return Object.fromEntries(clusters);
}

/** The active links holding a record's cluster together (what can be undone). */
export async function clusterLinks(q: Queryable, hotlineId: string, type: EntityType, id: string) {
  const [record] = await loadRecords(q, hotlineId, type, [id]);
  if (!record) throw notFound(type);
  const members = [...(await componentOf(q, hotlineId, type, id))];
  const rows = await q
    .selectFrom('linkage_links')
    .select(['id', 'record_a', 'record_b', 'probability', 'source', 'created_at'])
    .where('hotline_id', '=', hotlineId)
    .where('entity_type', '=', type)
    .where('undone_at', 'is', null)
    .where('record_a', 'in', members)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recordA: r.record_a,
    recordB: r.record_b,
    probability: r.probability,
    source: r.source,
    createdAt: r.created_at,
  }));
}

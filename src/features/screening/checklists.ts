/**
 * Which checklist is current, and the stored copy of every version ever used. A hotline's current
 * checklist is the newest version it published (adapt-checklist.ts); until it publishes one, the
 * shipped data file is. The shipped one is stored the first time it is used, so answers can always
 * be read against the exact questions they were given under.
 */
import type { Queryable } from '../../platform/db/transaction';
import { notFound } from '../../platform/errors';
import { Checklist } from './checklist';
import { checklist2026v1 } from './checklist-2026-1';
import { findChecklist, latestOwnChecklist, listChecklists, storeChecklist } from './store';

export const currentChecklist: Checklist = Checklist.parse(checklist2026v1);

/** The checklist triage uses now, and how many versions of its own the hotline has published. */
export async function hotlineChecklist(
  q: Queryable,
  hotlineId: string,
): Promise<{ checklist: Checklist; ownVersions: number }> {
  const own = await latestOwnChecklist(q, hotlineId);
  if (own) return { checklist: Checklist.parse(own.definition), ownVersions: own.seq ?? 0 };
  return { checklist: await checklistFor(q, hotlineId, currentChecklist.version), ownVersions: 0 };
}

/** A version the hotline can see (its own or a shipped one); without a version, its current one. */
export async function checklistFor(q: Queryable, hotlineId: string, version?: string): Promise<Checklist> {
  if (version === undefined) return (await hotlineChecklist(q, hotlineId)).checklist;
  const stored = await findChecklist(q, hotlineId, version);
  if (stored) return Checklist.parse(stored.definition);
  if (version !== currentChecklist.version) throw notFound('checklist version');
  await storeChecklist(q, null, currentChecklist.version, currentChecklist);
  return currentChecklist;
}

/** Every version the hotline can read: its own, newest (current) first, then the shipped ones. */
export async function listChecklistVersions(q: Queryable, hotlineId: string) {
  await checklistFor(q, hotlineId, currentChecklist.version);
  const rows = await listChecklists(q, hotlineId);
  const own = rows.find((r) => r.hotline_id !== null);
  const current = own?.version ?? currentChecklist.version;
  return {
    current,
    versions: rows.map((r) => ({
      version: r.version,
      own: r.hotline_id !== null,
      current: r.version === current && (r.hotline_id !== null) === (own !== undefined),
      basedOn: r.based_on,
      note: r.note,
      publishedBy: r.published_by_name,
      publishedAt: r.created_at,
    })),
  };
}

/**
 * Which checklist is current, and the stored copy of every version ever used. The current one is
 * the data file; it is stored the first time it is used, so answers can always be read against
 * the exact questions they were given under.
 */
import type { Queryable } from '../../platform/db/transaction';
import { notFound } from '../../platform/errors';
import { Checklist } from './checklist';
import { checklist2026v1 } from './checklist-2026-1';
import { findChecklist, storeChecklist } from './store';

export const currentChecklist: Checklist = Checklist.parse(checklist2026v1);

export async function checklistFor(
  q: Queryable,
  hotlineId: string,
  version: string = currentChecklist.version,
): Promise<Checklist> {
  const stored = await findChecklist(q, hotlineId, version);
  if (stored) return Checklist.parse(stored.definition);
  if (version !== currentChecklist.version) throw notFound('checklist version');
  await storeChecklist(q, null, currentChecklist.version, currentChecklist);
  return currentChecklist;
}

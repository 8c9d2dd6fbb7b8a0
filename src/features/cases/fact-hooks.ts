/**
 * Facts hooks: other features act when a case's facts change (its people, their ages, its places,
 * its type), in the same transaction, without this feature knowing them. Required reports register
 * "raise what the facts now call for":
 *
 *   onCaseFactsChanged('mandatory-reports.raise', (q, { hotlineId, caseId }) => raise(q, hotlineId, caseId));
 */
import type { Queryable } from '../../platform/db/transaction';

export interface CaseFactsContext {
  hotlineId: string;
  caseId: string;
}
export type CaseFactsHook = (q: Queryable, ctx: CaseFactsContext) => Promise<unknown>;

const hooks = new Map<string, CaseFactsHook>();

/** Registers (or replaces, by name) a hook; returns a function that removes it. */
export function onCaseFactsChanged(name: string, hook: CaseFactsHook): () => void {
  hooks.set(name, hook);
  return () => {
    if (hooks.get(name) === hook) hooks.delete(name);
  };
}

/** Runs every hook in the caller's transaction, after the change is written. */
export async function caseFactsChanged(q: Queryable, ctx: CaseFactsContext): Promise<void> {
  for (const hook of hooks.values()) await hook(q, ctx);
}

/**
 * Close guards: other features say what must be true before a case may close, without this feature
 * knowing them. Referrals registers "a required report must be filed or waived":
 *
 *   registerCloseGuard('mandatory-reports.filed-or-waived', async (q, { hotlineId, caseId }) =>
 *     (await pendingReports(q, hotlineId, caseId)) ? 'A required report is not filed or waived yet' : null);
 *
 * A guard returns null when the case may close, or the message an advocate reads.
 */
import type { Queryable } from '../../platform/db/transaction';

export interface CloseGuardContext {
  hotlineId: string;
  caseId: string;
}
export type CloseGuard = (q: Queryable, ctx: CloseGuardContext) => Promise<string | null>;

const guards = new Map<string, CloseGuard>();

/** Registers (or replaces, by name) a guard; returns a function that removes it. */
export function registerCloseGuard(name: string, guard: CloseGuard): () => void {
  guards.set(name, guard);
  return () => {
    if (guards.get(name) === guard) guards.delete(name);
  };
}

export interface CloseCheck {
  ok: boolean;
  blockers: Array<{ guard: string; message: string }>;
}

/** Runs every guard in the caller's transaction. */
export async function canCloseCase(q: Queryable, ctx: CloseGuardContext): Promise<CloseCheck> {
  const blockers: CloseCheck['blockers'] = [];
  for (const [name, guard] of guards) {
    const message = await guard(q, ctx);
    if (message) blockers.push({ guard: name, message });
  }
  return { ok: blockers.length === 0, blockers };
}

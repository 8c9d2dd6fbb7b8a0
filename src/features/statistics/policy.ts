/**
 * Who may read statistics. Reports hold counts, never personal data, so analysts and coordinators
 * read them; coordinators only for their own states (users.states), and never national figures or
 * another state's. Partners see what is referred to them, not statistics.
 */
import type { Actor } from '../../platform/auth/actor';
import { AppError } from '../../platform/errors';
import { signedIn } from '../../platform/http/policy';

export const statisticsPolicies = {
  read: signedIn('statistics.read', ['admin', 'supervisor', 'advocate', 'analyst', 'coordinator']),
  /** Victim-level open data, even k-anonymised, is for those who prepare releases. */
  exportOpenData: signedIn('statistics.export-open-data', ['admin', 'analyst']),
} as const;

/** The states a caller may read, or null for all of them (and national figures). */
export function readableStates(actor: Pick<Actor, 'role' | 'states'>): readonly string[] | null {
  return actor.role === 'coordinator' ? actor.states : null;
}

export function assertMayReadState(actor: Pick<Actor, 'role' | 'states'>, state: string | null): void {
  const allowed = readableStates(actor);
  if (allowed === null) return;
  if (state === null || !allowed.includes(state)) {
    throw new AppError(
      'forbidden',
      state === null
        ? 'Your account reads figures for its states only, not national figures.'
        : `Your account does not read figures for ${state}.`,
    );
  }
}

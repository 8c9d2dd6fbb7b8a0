import type { Role } from '../db/schema';

export type { Role };
export const ROLES = ['admin', 'supervisor', 'advocate', 'analyst', 'coordinator', 'partner'] as const;

/** Roles that can see personal data, and so must sign in with a second factor. */
export const PERSONAL_DATA_ROLES: readonly Role[] = ['admin', 'supervisor', 'advocate', 'partner'];

/** A signed-in person, as every policy, service and store sees them. */
export interface Actor {
  readonly userId: string;
  readonly hotlineId: string;
  readonly role: Role;
  readonly email: string;
  readonly displayName: string;
  /** Coordinators: the states whose figures they may read. */
  readonly states: readonly string[];
  readonly partnerOrganisationId: string | null;
  readonly sessionId: string;
  /** 'password' until the second factor is given (or enrolled), then 'complete'. */
  readonly stage: 'password' | 'complete';
  readonly totpEnrolled: boolean;
  readonly locale: 'en' | 'es';
  /** Set after an admin chose their password: the console asks for a new one first. */
  readonly mustChangePassword: boolean;
}

export function requiresSecondFactor(role: Role): boolean {
  return PERSONAL_DATA_ROLES.includes(role);
}

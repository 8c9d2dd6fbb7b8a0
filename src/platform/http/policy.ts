import type { Actor, Role } from '../auth/actor';

/**
 * Who may call a route. Every route names one; there is no default. A public route says so
 * with `publicAccess(reason)`, which is searchable and shows in the OpenAPI document.
 */
export type Policy = PublicPolicy | SignedInPolicy;

export interface PublicPolicy {
  readonly kind: 'public';
  readonly name: string;
  readonly reason: string;
}

export interface SignedInPolicy {
  readonly kind: 'signed-in';
  readonly name: string;
  readonly roles: readonly Role[];
  /** 'partial' admits a session that has passed the password but not yet the second factor. */
  readonly stage: 'partial' | 'complete';
}

export type ActorFor<P extends Policy> = P extends SignedInPolicy ? Actor : Actor | null;

export const publicAccess = (name: string, reason: string): PublicPolicy => ({
  kind: 'public',
  name,
  reason,
});

export const signedIn = (name: string, roles: readonly Role[]): SignedInPolicy => ({
  kind: 'signed-in',
  name,
  roles,
  stage: 'complete',
});

/** For the sign-in steps themselves: a session that has given its password only. */
export const midSignIn = (name: string, roles: readonly Role[]): SignedInPolicy => ({
  kind: 'signed-in',
  name,
  roles,
  stage: 'partial',
});

export const ALL_ROLES: readonly Role[] = [
  'admin',
  'supervisor',
  'advocate',
  'analyst',
  'coordinator',
  'partner',
];

import { ALL_ROLES, midSignIn, publicAccess, signedIn } from '../../platform/http/policy';

export const accountPolicies = {
  signIn: publicAccess('accounts.sign-in', 'signing in needs no session'),
  setup: publicAccess('accounts.setup', 'the first admin holds a one-time link, not an account'),
  /** Between the password and the second factor. */
  midSignIn: midSignIn('accounts.mid-sign-in', ALL_ROLES),
  self: signedIn('accounts.self', ALL_ROLES),
  manageUsers: signedIn('accounts.manage-users', ['admin']),
} as const;

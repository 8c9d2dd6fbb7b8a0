import { signedIn } from '../../platform/http/policy';

export const linkagePolicies = {
  /** The people who work cases decide whether two mentions are one person. */
  review: signedIn('linkage.review', ['admin', 'supervisor', 'advocate']),
} as const;

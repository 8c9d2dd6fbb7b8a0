import { signedIn } from '../../platform/http/policy';

/**
 * Screening reads what signalers said: the roles that work cases only. Analysts and coordinators
 * read statistics; partners see their referrals, never the inbox.
 */
export const screeningPolicies = {
  triage: signedIn('screening.triage', ['admin', 'supervisor', 'advocate']),
} as const;

import { signedIn } from '../../platform/http/policy';

/**
 * Screening reads what signalers said: the roles that work cases only. Analysts and coordinators
 * read statistics; partners see their referrals, never the inbox. Adapting the checklist every
 * advocate answers is the hotline administrator's, like its accounts.
 */
export const screeningPolicies = {
  triage: signedIn('screening.triage', ['admin', 'supervisor', 'advocate']),
  adaptChecklist: signedIn('screening.adapt-checklist', ['admin']),
} as const;

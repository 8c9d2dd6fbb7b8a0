import { signedIn } from '../../platform/http/policy';

/**
 * Who may work the inbox: the people who answer the hotline. Analysts, coordinators and partners
 * never read signals (they see figures and referrals), so they are not listed.
 */
export const intakePolicies = {
  inbox: signedIn('intake.inbox', ['admin', 'supervisor', 'advocate']),
} as const;

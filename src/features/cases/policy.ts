import { signedIn } from '../../platform/http/policy';

/**
 * Who may work cases. Analysts and coordinators read statistics, never personal data; partners will
 * see only what is referred to them (referrals feature). Everything else is scoped by hotline in
 * the stores, so another hotline's case is simply not found.
 */
export const casePolicies = {
  work: signedIn('cases.work', ['admin', 'supervisor', 'advocate']),
  supervise: signedIn('cases.supervise', ['admin', 'supervisor']),
} as const;

import { signedIn } from '../../platform/http/policy';

export const referralPolicies = {
  /** Refer, list a case's referrals, revoke. */
  refer: signedIn('referrals.refer', ['advocate', 'supervisor', 'admin']),
  /** A partner organisation's users, limited to their organisation's referrals by the store. */
  partner: signedIn('referrals.partner', ['partner']),
} as const;

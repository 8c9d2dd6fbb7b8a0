import { signedIn } from '../../platform/http/policy';

export const reportPolicies = {
  /** See a case's reports, file them, record consent: the people who work cases. */
  work: signedIn('required-reports.work', ['advocate', 'supervisor', 'admin']),
  /** What is due and overdue across the hotline; waiving a report. */
  supervise: signedIn('required-reports.supervise', ['supervisor', 'admin']),
} as const;

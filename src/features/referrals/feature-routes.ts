/**
 * The routes of the referral features (public site pages, directory, required reports, referrals),
 * listed once so that the composition root adds them with one line.
 */
import type { AnyRoute } from '../../platform/http/route';
import { directoryRoutes } from '../directory/routes';
// Registers "required reports filed or waived" with the cases feature's close guards.
import '../mandatory-reports/close-guard';
import { mandatoryReportRoutes } from '../mandatory-reports/routes';
import { publicPageRoutes } from '../public-site/pages';
import { partnerAccountRoutes } from './partner-accounts';
import { referralRoutes } from './routes';

export const referralFeatureRoutes: AnyRoute[] = [
  ...publicPageRoutes,
  ...mandatoryReportRoutes,
  ...directoryRoutes,
  ...referralRoutes,
  ...partnerAccountRoutes,
];

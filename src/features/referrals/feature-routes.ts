/**
 * The routes of the referral features (public site pages, directory, required reports, referrals),
 * listed once so that the composition root adds them with one line.
 */
import type { AnyRoute } from '../../platform/http/route';
import { directoryRoutes } from '../directory/routes';
import { mandatoryReportRoutes } from '../mandatory-reports/routes';
import { publicPageRoutes } from '../public-site/pages';

export const referralFeatureRoutes: AnyRoute[] = [
  ...publicPageRoutes,
  ...mandatoryReportRoutes,
  ...directoryRoutes,
];

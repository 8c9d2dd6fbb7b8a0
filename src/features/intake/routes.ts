/** Every intake route, listed once for the composition root. */
import type { AnyRoute } from '../../platform/http/route';
import { channelAdminRoutes } from './channel-admin-routes';
import { inboxRoutes } from './inbox-routes';
import { twilioRoutes } from './twilio-routes';
import { webformRoutes } from './webform-routes';

export const intakeRoutes: AnyRoute[] = [
  ...webformRoutes,
  ...twilioRoutes,
  ...inboxRoutes,
  ...channelAdminRoutes,
];

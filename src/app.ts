/**
 * The composition root: the one place that knows every feature. It opens nothing by itself;
 * the CLI and the tests hand it a database.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { accountRoutes } from './features/accounts/routes';
import { authenticate } from './features/accounts/sign-in';
import { auditRoutes } from './features/audit/routes';
import { intakeRoutes } from './features/intake/routes';
import { linkageRoutes } from './features/linkage/routes';
import { publicAssetRoutes } from './features/public-site/assets';
import { referralFeatureRoutes } from './features/referrals/feature-routes';
import { caseRoutes } from './features/cases/routes';
import { screeningRoutes } from './features/screening/routes';
import { searchRoutes } from './features/search/routes';
import { statisticsRoutes } from './features/statistics/routes';
import { systemRoutes } from './features/system/routes';
import { webchatRoutes } from './features/webchat/routes';
import { registerWebchatSockets } from './features/webchat/socket';
import type { Config } from './platform/config';
import type { Database } from './platform/db/database';
import { createNotifier } from './platform/db/notify';
import { createJobs } from './platform/jobs';
import { loadSecretBox } from './platform/secrets/keys';
import { sealStoredTokens } from './features/intake/channel-secrets';
import { listenForChannelChanges } from './features/intake/channels';
import { buildHttpServer } from './platform/http/server';
import type { AnyRoute, AppServices } from './platform/http/route';
import { projectRoot, webDistDir } from './platform/paths';

export const VERSION: string = (
  JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }
).version;

export const allRoutes: AnyRoute[] = [
  ...systemRoutes,
  ...webchatRoutes,
  ...accountRoutes,
  ...auditRoutes,
  ...intakeRoutes,
  ...linkageRoutes,
  ...publicAssetRoutes,
  ...referralFeatureRoutes,
  ...screeningRoutes,
  ...caseRoutes,
  ...searchRoutes,
  ...statisticsRoutes,
];

export interface Waymark {
  http: FastifyInstance;
  services: AppServices;
}

export async function createWaymark(options: {
  config: Config;
  database: Database;
  logger?: boolean;
  webDir?: string | undefined;
}): Promise<Waymark> {
  // A missing or wrong secret key stops the start here with one line, not a webhook later.
  const secrets = loadSecretBox(options.config);
  await sealStoredTokens(options.database.db, secrets);
  const services: AppServices = {
    database: options.database,
    config: options.config,
    version: VERSION,
    notifier: createNotifier(options.database),
    jobs: createJobs(options.database),
    secrets,
  };
  // A channel changed by another process is forgotten here once that change commits; without the
  // listening connection, within the 2 seconds a channel is remembered.
  await listenForChannelChanges(services.notifier, options.database).catch(() => undefined);
  const http = await buildHttpServer({
    services,
    routes: allRoutes,
    authenticate: (req) => authenticate(options.database.db, req),
    webDir: options.webDir ?? webDistDir,
    logger: options.logger,
    beforeRoutes: async (app) => {
      // One WebSocket plugin for every feature; each endpoint sets its own, smaller frame limit.
      await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });
      await registerWebchatSockets(app, services, (req) => authenticate(options.database.db, req));
    },
  });
  http.addHook('onClose', async () => {
    await services.jobs.stop();
    await services.notifier.close();
  });
  return { http, services };
}

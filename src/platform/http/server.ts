import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import { AppError } from '../errors';
import { loggerOptions } from '../log';
import { errorBody, installErrorHandler, toErrorResponse } from './errors-handler';
import { buildOpenApi } from './openapi';
import type { AnyRoute, AppServices } from './route';
import { runRoute } from './run-route';
import { installSecurityHeaders } from './security-headers';

export interface HttpServerOptions {
  services: AppServices;
  routes: AnyRoute[];
  /** Resolves the session cookie into a person, or null. Supplied by the accounts feature. */
  authenticate: (req: FastifyRequest) => Promise<Actor | null>;
  /** The built web app (index.html and assets), served with a fallback to index.html for console paths. */
  webDir?: string | undefined;
  /** Plugins a feature needs before routes are added (WebSockets). */
  beforeRoutes?: (app: FastifyInstance) => Promise<void>;
  logger?: boolean;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** A strict policy: nothing from another origin, no inline script or style, no framing. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

export async function buildHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const { services } = options;
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(services.config),
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
    // Fastify hands pino's child() an empty options object, which takes pino's slow path
    // (serializers, formatters and redaction set up again) for every request; without one, the
    // request's logger shares its parent's.
    childLoggerFactory: (logger, bindings, opts) =>
      logger.child(bindings, Object.keys(opts).length > 0 ? opts : undefined),
  });
  installErrorHandler(app);

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: DEFAULT_BODY_LIMIT });
  installSecurityHeaders(app, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: services.config.publicUrl.startsWith('https:'),
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      ...errorBody('rate_limited', `Too many requests. Try again in ${Math.ceil(ctx.ttl / 1000)} seconds.`),
    }),
  });
  if (options.beforeRoutes) await options.beforeRoutes(app);

  const seen = new Set<string>();
  for (const route of options.routes) {
    assertDeclared(route);
    const key = `${route.method} ${route.url}`;
    if (seen.has(key)) throw new Error(`Route ${key} is declared twice`);
    seen.add(key);
    app.route({
      method: route.method,
      url: route.url,
      bodyLimit: route.bodyLimit ?? DEFAULT_BODY_LIMIT,
      config: route.rateLimit ? { rateLimit: route.rateLimit } : {},
      handler: (req, reply) => runRoute(route, req, reply, services, options.authenticate),
    });
  }

  const openApi = buildOpenApi(options.routes, services.version);
  app.get('/api/docs', async (_req, reply) => reply.send(openApi));

  installWeb(app, options.webDir);
  return app;
}

function assertDeclared(route: AnyRoute): void {
  const name = `${route.method} ${route.url}`;
  // The types already require these; this guards against casts and plain JavaScript.
  if (!route.policy || (route.policy.kind !== 'public' && route.policy.kind !== 'signed-in')) {
    throw new Error(`Route ${name} has no policy: every route must name who may call it.`);
  }
  if (!route.audit) throw new Error(`Route ${name} does not say how it is audited.`);
  if (route.audit.kind === 'not-personal' && route.method !== 'GET') {
    throw new Error(`Route ${name} writes, so it must be audited.`);
  }
}

function installWeb(app: FastifyInstance, webDir: string | undefined): void {
  const hasWeb = webDir !== undefined && existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    void app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      setHeaders: (res, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`))
          res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler(async (req: FastifyRequest, reply: FastifyReply) => {
    const url = req.url.split('?')[0] ?? '/';
    const isApi = url.startsWith('/api/') || url.startsWith('/hooks/') || url.startsWith('/ws/');
    if (!isApi && hasWeb && (req.method === 'GET' || req.method === 'HEAD')) {
      return reply.header('cache-control', 'no-store').type('text/html').sendFile('index.html');
    }
    const { status, body } = toErrorResponse(new AppError('not_found', 'There is nothing at this address.'));
    return reply.status(status).send(body);
  });
}

import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Config } from './config';

/**
 * Logs say what happened to which route, never who or what was said: no bodies, no query strings
 * (search terms are personal data), no cookies or authorisation headers, no IP addresses.
 */
export function loggerOptions(config: Pick<Config, 'logLevel'>): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'password',
        '*.password',
        'token',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req: { method: string; url: string; routeOptions?: { url?: string } }) {
        return { method: req.method, route: req.routeOptions?.url ?? req.url.split('?')[0] };
      },
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
    },
  };
}

export type Logger = FastifyBaseLogger;

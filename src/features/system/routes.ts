import { z } from 'zod';
import { publicAccess } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export const systemRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/health',
    summary: 'Whether Waymark and its database answer',
    tags: ['system'],
    policy: publicAccess('system.health', 'monitors must reach it without an account'),
    audit: { kind: 'not-personal', reason: 'no records are read' },
    response: HealthResponse,
    handler: async ({ app, trx }) => {
      let ok = true;
      try {
        await trx.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      } catch {
        ok = false;
      }
      return {
        status: ok ? ('ok' as const) : ('degraded' as const),
        database: app.database.engine,
        version: app.version,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/ping',
    summary: 'Answers at once without touching the database (a baseline for benchmarks)',
    tags: ['system'],
    policy: publicAccess('system.ping', 'a liveness probe'),
    audit: { kind: 'not-personal', reason: 'no records are read' },
    response: z.object({ pong: z.literal(true) }),
    handler: async () => ({ pong: true as const }),
  }),
];

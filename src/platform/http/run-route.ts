import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import type { Actor } from '../auth/actor';
import { recordAudit, type AuditActor } from '../audit/audit';
import type { Queryable } from '../db/transaction';
import { AppError } from '../errors';
import type { AnyRoute, AppServices } from './route';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function auditActorFor(actor: Actor | null, req: FastifyRequest, publicLabel: string): AuditActor {
  return actor
    ? { hotlineId: actor.hotlineId, userId: actor.userId, label: `user:${actor.role}`, ip: req.ip }
    : { hotlineId: null, userId: null, label: publicLabel, ip: req.ip };
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) {
    throw new AppError('validation_failed', 'Some fields are missing or not valid.', {
      fields: result.error.issues.map((i) => ({
        path: [where, ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    });
  }
  return result.data;
}

/** A cross-site form can post to us, but the browser names its origin: refuse when it is not ours. */
function checkOrigin(req: FastifyRequest, publicUrl: string): void {
  if (!UNSAFE.has(req.method)) return;
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return;
  const host = req.headers.host;
  let ok = false;
  try {
    const o = new URL(origin);
    ok = o.host === host || o.origin === new URL(publicUrl).origin;
  } catch {
    ok = false;
  }
  if (!ok) throw new AppError('forbidden', 'This request came from another site and was refused.');
}

function checkContentType(route: AnyRoute, req: FastifyRequest): void {
  if (!UNSAFE.has(req.method)) return;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === '' || type === 'application/json') return;
  if (type === 'application/x-www-form-urlencoded' && route.accepts?.includes('form')) return;
  throw new AppError('unsupported_media_type', 'Send this request as JSON (application/json).');
}

/** route -> guard -> validate -> handler in a transaction -> audit -> present. */
export async function runRoute(
  route: AnyRoute,
  req: FastifyRequest,
  reply: FastifyReply,
  app: AppServices,
  authenticate: (req: FastifyRequest) => Promise<Actor | null>,
): Promise<unknown> {
  checkContentType(route, req);
  checkOrigin(req, app.config.publicUrl);
  const actor = await authenticate(req);
  const policy = route.policy;
  if (policy.kind === 'signed-in') {
    if (!actor) throw new AppError('unauthenticated', 'Please sign in.');
    if (policy.stage === 'complete' && actor.stage !== 'complete') {
      throw actor.totpEnrolled
        ? new AppError(
            'second_factor_required',
            'Enter the code from your authenticator app to finish signing in.',
          )
        : new AppError('enrolment_required', 'Set up two-step sign-in to continue.');
    }
    if (!policy.roles.includes(actor.role)) {
      throw new AppError('forbidden', 'Your role does not allow this.');
    }
  }

  const params: unknown = parse(route.params, req.params, 'params');
  const query: unknown = parse(route.query, req.query, 'query');
  const body: unknown = parse(route.body, req.body, 'body');
  const who = auditActorFor(actor, req, `public:${policy.name}`);

  const execute = async (trx: Queryable): Promise<unknown> => {
    const result = await route.handler({ params, query, body, actor, trx, who, req, reply, app });
    if (route.audit.kind === 'auto') {
      const subjectId =
        route.audit.subjectId?.({ params, result }) ??
        (result && typeof result === 'object' && 'id' in result ? String(result.id) : undefined) ??
        (params && typeof params === 'object' && 'id' in params ? String(params.id) : undefined);
      await recordAudit(trx, who, {
        action: route.audit.action,
        subjectType: route.audit.subjectType,
        subjectId,
      });
    }
    return result;
  };

  const inRequestTransaction = route.audit.kind !== 'not-personal' && route.transaction !== 'manual';
  const result = inRequestTransaction
    ? await app.database.db.transaction().execute(execute)
    : await execute(app.database.db);

  if (route.response === 'raw') return reply;
  const out = route.response.parse(result);
  return reply.status(route.successStatus ?? 200).send(out);
}

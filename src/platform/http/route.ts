import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z, ZodType } from 'zod';
import type { AuditActor } from '../audit/audit';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Notifier } from '../db/notify';
import type { Jobs } from '../jobs';
import type { Queryable } from '../db/transaction';
import type { ActorFor, Policy } from './policy';

/**
 * What every handler can reach besides its request. Features that need more (an SMS provider,
 * a notifier) add it by augmenting this interface in their own module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AppExtensions {}

export interface AppServices extends AppExtensions {
  database: Database;
  config: Config;
  version: string;
  /** Cross-process messages over LISTEN/NOTIFY (see platform/db/notify.ts). */
  notifier: Notifier;
  /** Background jobs (pg-boss). `waymark serve` starts them; tests start them when they need them. */
  jobs: Jobs;
}

/**
 * How a route is audited; there is no default either.
 * - `auto`: the router records `action` in the request's transaction, after the handler succeeds.
 * - `service`: the service records its own rows (a list that reads many people, a sign-in).
 * - `not-personal`: a read that touches no personal data (health, the OpenAPI document); GET only.
 */
export type AuditSpec<TResult = unknown, TParams = unknown> =
  | {
      kind: 'auto';
      action: string;
      subjectType: string;
      subjectId?: (input: { params: TParams; result: TResult }) => string | undefined;
    }
  | { kind: 'service' }
  | { kind: 'not-personal'; reason: string };

export interface HandlerInput<P extends Policy, TParams, TQuery, TBody> {
  params: TParams;
  query: TQuery;
  body: TBody;
  actor: ActorFor<P>;
  /**
   * The request's transaction: the work and its audit rows commit together. For routes with
   * `transaction: 'manual'` it is the database itself and the handler opens its own transactions.
   * Never use `app.database.db` inside a request transaction: the embedded engine has one connection.
   */
  trx: Queryable;
  /** The caller as the audit trail names them. */
  who: AuditActor;
  req: FastifyRequest;
  reply: FastifyReply;
  app: AppServices;
}

type Infer<T> = T extends ZodType ? z.infer<T> : undefined;

export interface RouteSpec<
  P extends Policy = Policy,
  PS extends ZodType | undefined = ZodType | undefined,
  QS extends ZodType | undefined = ZodType | undefined,
  BS extends ZodType | undefined = ZodType | undefined,
  RS extends ZodType | 'raw' = ZodType | 'raw',
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  policy: P;
  audit: AuditSpec<RS extends ZodType ? z.infer<RS> : unknown, Infer<PS>>;
  params?: PS;
  query?: QS;
  body?: BS;
  /** The response schema: what is not in it never leaves the server. 'raw' when the handler replies itself. */
  response: RS;
  successStatus?: number;
  /** Bytes; the server's default applies otherwise. */
  bodyLimit?: number;
  rateLimit?: { max: number; timeWindow: string | number };
  /** 'manual' for handlers that must commit something even when they fail (counting failed sign-ins). */
  transaction?: 'request' | 'manual';
  /** Body content types this route accepts besides JSON (webhooks and plain HTML forms). */
  accepts?: Array<'form'>;
  handler: (
    input: HandlerInput<P, Infer<PS>, Infer<QS>, Infer<BS>>,
  ) => Promise<RS extends ZodType ? z.input<RS> : unknown>;
}

/** Declares a route. The type makes `policy` and `audit` required; the router checks them again at start. */
export function defineRoute<
  P extends Policy,
  PS extends ZodType | undefined = undefined,
  QS extends ZodType | undefined = undefined,
  BS extends ZodType | undefined = undefined,
  RS extends ZodType | 'raw' = ZodType,
>(spec: RouteSpec<P, PS, QS, BS, RS>): AnyRoute {
  return spec as unknown as AnyRoute;
}

/** A route with its types erased, as the router holds it. */
export interface AnyRoute extends Omit<RouteSpec, 'handler' | 'audit'> {
  audit: AuditSpec;
  handler(input: HandlerInput<Policy, unknown, unknown, unknown>): Promise<unknown>;
}

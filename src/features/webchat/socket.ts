/**
 * The two WebSocket endpoints. They cannot go through defineRoute (no request/response), so they
 * apply the same rules here: a named policy each, a same-origin check, and for the console a
 * complete sign-in with a role that answers chats. Audit rows are written by the service.
 */
import '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Role } from '../../platform/auth/actor';
import type { ErrorCode } from '../../platform/errors';
import { errorBody } from '../../platform/http/errors-handler';
import { publicAccess, signedIn } from '../../platform/http/policy';
import type { AppServices } from '../../platform/http/route';
import { advocateConnection } from './advocate-socket';
import { createHub } from './hub';
import { visitorConnection } from './visitor-socket';

export const CHAT_ROLES: readonly Role[] = ['advocate', 'supervisor', 'admin'];
export const visitorPolicy = publicAccess('webchat.visitor', 'anyone may ask the hotline for help');
export const advocatePolicy = signedIn('webchat.advocate', CHAT_ROLES);

/** A page on another site must not open a chat socket with our visitors' or advocates' browsers. */
function sameOrigin(req: FastifyRequest, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser; browsers always send Origin on WebSocket upgrades
  try {
    const o = new URL(origin);
    return o.host === req.headers.host || o.origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

const refuse = (reply: FastifyReply, status: number, code: ErrorCode, message: string): FastifyReply =>
  reply.status(status).send(errorBody(code, message));

export async function registerWebchatSockets(
  app: FastifyInstance,
  services: AppServices,
  authenticate: (req: FastifyRequest) => Promise<Actor | null>,
): Promise<void> {
  if (!app.hasDecorator('websocketServer')) {
    throw new Error('Register @fastify/websocket before the webchat sockets (see src/app.ts).');
  }
  const onError = (err: unknown): void => {
    // Names only: errors from the database can quote the values in a statement.
    app.log.error(
      { err: { name: (err as Error)?.name, code: (err as { code?: string })?.code } },
      'webchat error',
    );
  };
  const hub = await createHub(services, onError);
  app.addHook('onClose', async () => hub.close());
  const actors = new WeakMap<FastifyRequest, Actor>();

  app.get(
    '/ws/chat',
    {
      websocket: true,
      preValidation: async (req, reply) => {
        if (!sameOrigin(req, services.config.publicUrl))
          return refuse(reply, 403, 'forbidden', 'This chat cannot be opened from another site.');
      },
    },
    (socket) => visitorConnection(socket, { app: services, hub, onError }),
  );

  app.get(
    '/ws/chat/console',
    {
      websocket: true,
      preValidation: async (req, reply) => {
        if (!sameOrigin(req, services.config.publicUrl))
          return refuse(reply, 403, 'forbidden', 'This chat cannot be opened from another site.');
        const actor = await authenticate(req);
        if (!actor) return refuse(reply, 401, 'unauthenticated', 'Please sign in.');
        if (advocatePolicy.stage === 'complete' && actor.stage !== 'complete')
          return refuse(reply, 401, 'second_factor_required', 'Finish signing in first.');
        if (!advocatePolicy.roles.includes(actor.role))
          return refuse(reply, 403, 'forbidden', 'Your role does not allow this.');
        actors.set(req, actor);
      },
    },
    (socket, req) => {
      const actor = actors.get(req);
      if (!actor) {
        socket.close(1008, 'Not signed in');
        return;
      }
      advocateConnection(socket, {
        app: services,
        hub,
        actor,
        ip: req.ip,
        stillSignedIn: async () => (await authenticate(req))?.userId === actor.userId,
        onError,
      });
    },
  );
}

/** One advocate's console connection: the queue, their chats, accept, talk, end. */
import type { WebSocket } from 'ws';
import type { Actor } from '../../platform/auth/actor';
import type { AppServices } from '../../platform/http/route';
import type { AdvocatePeer, ChatHub } from './hub';
import { ADVOCATE_LIMITS, cleanText, FrameError, guardFrames, keepAlive, parseFrame, sender } from './limits';
import { AdvocateFrame, type ToAdvocate } from './schema';
import * as service from './service';
import { ChatError } from './service';
import * as store from './store';

/** A console left open after the session ends (sign-out, expiry) is closed within this time. */
const RECHECK_SESSION_MS = 60_000;
export const CLOSE_SIGNED_OUT = 4401;

export function advocateConnection(
  socket: WebSocket,
  deps: {
    app: AppServices;
    hub: ChatHub;
    actor: Actor;
    ip: string;
    stillSignedIn: () => Promise<boolean>;
    onError: (err: unknown) => void;
  },
): void {
  const { app, hub, actor, ip } = deps;
  const db = app.database.db;
  const send = sender<ToAdvocate>(socket);
  const peer: AdvocatePeer = { actor, open: new Set(), send };
  const advocate = { actor, ip };

  const showChat = async (chatId: string): Promise<void> => {
    const { chat, messages, referenceCode } = await service.openChat(db, actor, chatId);
    hub.openFor(peer, chat.id);
    send({
      type: 'chat',
      chat: {
        chatId: chat.id,
        language: chat.language,
        state: chat.state,
        safeToChat: chat.safe_to_chat,
        queuedAt: chat.queued_at.toISOString(),
        status: chat.status,
        signalId: chat.signal_id,
        referenceCode,
        visitorPresent: chat.visitor_away_at === null,
        messages,
      },
    });
  };

  const handle = async (frame: AdvocateFrame): Promise<void> => {
    switch (frame.type) {
      case 'accept':
        await service.acceptChat(db, actor, ip, frame.chatId);
        await showChat(frame.chatId);
        return;
      case 'open':
        await showChat(frame.chatId);
        return;
      case 'message': {
        const message = await service.postMessage(db, {
          chatId: frame.chatId,
          sender: 'advocate',
          text: cleanText(frame.text),
          advocate,
        });
        send({ type: 'ack', chatId: frame.chatId, clientId: frame.clientId, id: message.id });
        return;
      }
      case 'typing':
        if (!peer.open.has(frame.chatId)) throw new ChatError('not_found', 'No such chat.');
        await service.sendTyping(db, frame.chatId, 'advocate', frame.typing);
        return;
      case 'end':
        await service.endChat(db, { chatId: frame.chatId, by: 'advocate', advocate });
        return;
    }
  };

  guardFrames(socket, ADVOCATE_LIMITS, {
    onRefused: (code, message) => send({ type: 'error', code, message }),
    onFrame: async (raw) => {
      let chatId: string | undefined;
      try {
        const frame = parseFrame(AdvocateFrame, raw);
        chatId = 'chatId' in frame ? frame.chatId : undefined;
        await handle(frame);
      } catch (err) {
        if (err instanceof FrameError || err instanceof ChatError) {
          send({ type: 'error', code: err.code, message: err.message, ...(chatId ? { chatId } : {}) });
        } else {
          deps.onError(err);
          send({ type: 'error', code: 'internal', message: 'Something went wrong. Please try again.' });
        }
      }
    },
  });
  keepAlive(socket);

  hub.addAdvocate(peer);
  const recheck = setInterval(() => {
    deps
      .stillSignedIn()
      .then((ok) => {
        if (!ok) socket.close(CLOSE_SIGNED_OUT, 'Signed out');
      })
      .catch(deps.onError);
  }, RECHECK_SESSION_MS);
  recheck.unref();
  socket.on('close', () => {
    clearInterval(recheck);
    hub.removeAdvocate(peer);
  });

  void (async () => {
    send({ type: 'queue', chats: await store.listWaiting(db, actor.hotlineId) });
    send({ type: 'mine', chats: await store.listActiveFor(db, actor.hotlineId, actor.userId) });
  })().catch(deps.onError);
}

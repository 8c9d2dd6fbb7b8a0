/** One anonymous visitor's connection: start or resume a chat, then talk. */
import type { WebSocket } from 'ws';
import type { AppServices } from '../../platform/http/route';
import type { ChatHub, VisitorPeer } from './hub';
import {
  CLOSE_NORMAL,
  cleanText,
  FrameError,
  guardFrames,
  keepAlive,
  parseFrame,
  sender,
  VISITOR_LIMITS,
} from './limits';
import { VisitorFrame, type ToVisitor } from './schema';
import * as service from './service';
import { ChatError } from './service';

/** Typing notices at most this often, whatever the client sends. */
const TYPING_EVERY_MS = 1500;

export function visitorConnection(
  socket: WebSocket,
  deps: { app: AppServices; hub: ChatHub; onError: (err: unknown) => void },
): void {
  const { app, hub } = deps;
  const db = app.database.db;
  const send = sender<ToVisitor>(socket);
  let peer: VisitorPeer | undefined;
  let ended = false;
  let lastTyping = { on: false, at: 0 };

  const join = (chatId: string, hotlineId: string, waiting: boolean): void => {
    peer = { chatId, hotlineId, waiting, send };
    hub.addVisitor(peer);
  };

  const handle = async (frame: VisitorFrame): Promise<void> => {
    switch (frame.type) {
      case 'start': {
        if (peer) throw new FrameError('already_started', 'This chat has already started.');
        const { chat, token } = await service.startChat(db, frame);
        join(chat.id, chat.hotline_id, true);
        const position = (await service.queuePosition(db, chat)) ?? 1;
        send({ type: 'started', chatId: chat.id, token, position });
        return;
      }
      case 'resume': {
        if (peer) throw new FrameError('already_started', 'This chat has already started.');
        const { chat, messages } = await service.resumeChat(db, frame.token);
        join(chat.id, chat.hotline_id, chat.status === 'waiting');
        const position = await service.queuePosition(db, chat);
        send({ type: 'resumed', chatId: chat.id, status: chat.status, position, messages });
        return;
      }
      case 'message': {
        if (!peer) throw new FrameError('not_started', 'Start the chat first.');
        const message = await service.postMessage(db, {
          chatId: peer.chatId,
          sender: 'visitor',
          text: cleanText(frame.text),
        });
        // Only now, after commit: the visitor may trust that the hotline has the message.
        send({ type: 'ack', clientId: frame.clientId, id: message.id });
        lastTyping = { on: false, at: Date.now() };
        return;
      }
      case 'typing': {
        if (!peer) throw new FrameError('not_started', 'Start the chat first.');
        const now = Date.now();
        if (frame.typing === lastTyping.on && now - lastTyping.at < TYPING_EVERY_MS) return;
        lastTyping = { on: frame.typing, at: now };
        await service.sendTyping(db, peer.chatId, 'visitor', frame.typing);
        return;
      }
      case 'end': {
        if (!peer) throw new FrameError('not_started', 'Start the chat first.');
        await service.endChat(db, { chatId: peer.chatId, by: frame.quickExit ? 'quick_exit' : 'visitor' });
        ended = true;
        send({ type: 'ended', by: frame.quickExit ? 'quick_exit' : 'visitor' });
        socket.close(CLOSE_NORMAL, 'Chat ended');
        return;
      }
    }
  };

  guardFrames(socket, VISITOR_LIMITS, {
    onRefused: (code, message) => send({ type: 'error', code, message }),
    onFrame: async (raw) => {
      try {
        await handle(parseFrame(VisitorFrame, raw));
      } catch (err) {
        if (err instanceof FrameError || err instanceof ChatError) {
          send({ type: 'error', code: err.code, message: err.message });
        } else {
          deps.onError(err);
          send({ type: 'error', code: 'internal', message: 'Something went wrong. Please try again.' });
        }
      }
    },
  });
  keepAlive(socket);

  socket.on('close', () => {
    if (!peer) return;
    hub.removeVisitor(peer);
    // The chat stays open for the resume window; the advocate sees that the visitor is away.
    if (!ended) void service.visitorLeft(db, peer.chatId).catch(deps.onError);
  });
}

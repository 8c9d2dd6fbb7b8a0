/**
 * The console's chat connection: one WebSocket to /ws/chat/console (the session cookie signs it
 * in), reconnecting after a drop and reopening the chats that were on screen.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type {
  AdvocateFrame,
  ChatDetail,
  ChatMessage,
  QueuedChat,
  ToAdvocate,
} from '../../../../src/features/webchat/schema';

export interface OpenChat extends ChatDetail {
  advocateTyping: boolean;
  visitorTyping: boolean;
  endedBy: string | null;
  /** Sent by this tab, waiting for the server's acknowledgement (stored only then). */
  pending: Array<{ clientId: string; text: string }>;
}

export type Connection = 'connecting' | 'open' | 'lost' | 'signed-out';

export interface WebchatState {
  connection: Connection;
  queue: QueuedChat[];
  mine: QueuedChat[];
  chats: Record<string, OpenChat>;
  error: string | null;
}

type Action =
  | { type: 'event'; event: ToAdvocate }
  | { type: 'connection'; connection: Connection }
  | { type: 'pending'; chatId: string; clientId: string; text: string };

const initial: WebchatState = { connection: 'connecting', queue: [], mine: [], chats: {}, error: null };

function withMessage(chat: OpenChat, m: ChatMessage): OpenChat {
  if (chat.messages.some((x) => x.id === m.id)) return chat;
  return { ...chat, messages: [...chat.messages, m] };
}

function update(state: WebchatState, chatId: string, fn: (c: OpenChat) => OpenChat): WebchatState {
  const chat = state.chats[chatId];
  return chat ? { ...state, chats: { ...state.chats, [chatId]: fn(chat) } } : state;
}

function reduce(state: WebchatState, action: Action): WebchatState {
  if (action.type === 'connection') return { ...state, connection: action.connection };
  if (action.type === 'pending') {
    return update(state, action.chatId, (c) => ({
      ...c,
      pending: [...c.pending, { clientId: action.clientId, text: action.text }],
    }));
  }
  const e = action.event;
  switch (e.type) {
    case 'queue':
      return { ...state, queue: e.chats };
    case 'mine':
      return { ...state, mine: e.chats };
    case 'chat': {
      const previous = state.chats[e.chat.chatId];
      const chat: OpenChat = {
        ...e.chat,
        advocateTyping: false,
        visitorTyping: false,
        endedBy: null,
        pending: previous?.pending ?? [],
      };
      const mine = state.mine.some((m) => m.chatId === chat.chatId) ? state.mine : [...state.mine, chat];
      return { ...state, mine, error: null, chats: { ...state.chats, [chat.chatId]: chat } };
    }
    case 'ack':
      return update(state, e.chatId, (c) => {
        const sent = c.pending.find((p) => p.clientId === e.clientId);
        const rest = c.pending.filter((p) => p.clientId !== e.clientId);
        const done = sent
          ? withMessage(c, { id: e.id, from: 'advocate', text: sent.text, at: new Date().toISOString() })
          : c;
        return { ...done, pending: rest };
      });
    case 'message':
      return update(state, e.chatId, (c) => ({ ...withMessage(c, e.message), visitorTyping: false }));
    case 'typing':
      return update(state, e.chatId, (c) => ({ ...c, visitorTyping: e.typing }));
    case 'presence':
      return update(state, e.chatId, (c) => ({ ...c, visitorPresent: e.present }));
    case 'ended':
      return {
        ...update(state, e.chatId, (c) => ({ ...c, status: 'ended', endedBy: e.by, visitorTyping: false })),
        mine: state.mine.filter((m) => m.chatId !== e.chatId),
      };
    case 'error':
      return { ...state, error: e.code };
  }
}

export function useWebchat(): {
  state: WebchatState;
  send: (frame: AdvocateFrame) => boolean;
  sendMessage: (chatId: string, text: string) => boolean;
} {
  const [state, dispatch] = useReducer(reduce, initial);
  const socket = useRef<WebSocket | null>(null);
  const openChats = useRef<string[]>([]);
  openChats.current = Object.values(state.chats)
    .filter((c) => c.status !== 'ended')
    .map((c) => c.chatId);
  const seq = useRef(0);

  useEffect(() => {
    let stopped = false;
    let retries = 0;
    let timer: number | undefined;
    const connect = (): void => {
      const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(`${scheme}//${window.location.host}/ws/chat/console`);
      socket.current = ws;
      dispatch({ type: 'connection', connection: 'connecting' });
      ws.onopen = () => {
        retries = 0;
        dispatch({ type: 'connection', connection: 'open' });
        for (const chatId of openChats.current) ws.send(JSON.stringify({ type: 'open', chatId }));
      };
      ws.onmessage = (ev: MessageEvent<string>) => {
        dispatch({ type: 'event', event: JSON.parse(ev.data) as ToAdvocate });
      };
      ws.onclose = (ev) => {
        if (stopped) return;
        if (ev.code === 4401) {
          dispatch({ type: 'connection', connection: 'signed-out' });
          return;
        }
        dispatch({ type: 'connection', connection: 'lost' });
        retries++;
        timer = window.setTimeout(connect, Math.min(10_000, 500 * retries));
      };
    };
    connect();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      socket.current?.close();
    };
  }, []);

  const send = useCallback((frame: AdvocateFrame): boolean => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }, []);

  const sendMessage = useCallback(
    (chatId: string, text: string): boolean => {
      const clientId = `m${++seq.current}`;
      if (!send({ type: 'message', chatId, clientId, text })) return false;
      dispatch({ type: 'pending', chatId, clientId, text });
      return true;
    },
    [send],
  );

  return { state, send, sendMessage };
}

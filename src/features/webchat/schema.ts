/**
 * The webchat protocol: JSON frames over /ws/chat (visitors) and /ws/chat/console (advocates).
 * The console imports these types; the server parses every incoming frame with these schemas.
 */
import { z } from 'zod';

/** Characters in one message; the column allows the same. */
export const MAX_MESSAGE_CHARS = 2000;

const text = z.string().trim().min(1).max(MAX_MESSAGE_CHARS);
const clientId = z.string().min(1).max(40);
const chatId = z.uuid();

export const VisitorFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    language: z.string().regex(/^[a-z]{2,3}$/),
    state: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
    safeToChat: z.boolean(),
    /** A hotline's slug, for sites that serve more than one; otherwise the first hotline. */
    hotline: z.string().max(64).optional(),
  }),
  z.object({ type: z.literal('resume'), token: z.string().min(20).max(100) }),
  z.object({ type: z.literal('message'), clientId, text }),
  z.object({ type: z.literal('typing'), typing: z.boolean() }),
  z.object({ type: z.literal('end'), quickExit: z.boolean().optional() }),
]);
export type VisitorFrame = z.infer<typeof VisitorFrame>;

export const AdvocateFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), chatId }),
  z.object({ type: z.literal('open'), chatId }),
  z.object({ type: z.literal('message'), chatId, clientId, text }),
  z.object({ type: z.literal('typing'), chatId, typing: z.boolean() }),
  z.object({ type: z.literal('end'), chatId }),
]);
export type AdvocateFrame = z.infer<typeof AdvocateFrame>;

export type Sender = 'visitor' | 'advocate';
export type EndedBy = 'visitor' | 'advocate' | 'timeout' | 'quick_exit';
export type ChatStatus = 'waiting' | 'active' | 'ended';

export interface ChatMessage {
  id: string;
  from: Sender;
  text: string;
  at: string;
}

export interface QueuedChat {
  chatId: string;
  language: string;
  state: string | null;
  safeToChat: boolean;
  queuedAt: string;
}

export interface ChatDetail extends QueuedChat {
  status: ChatStatus;
  signalId: string;
  referenceCode: string;
  visitorPresent: boolean;
  messages: ChatMessage[];
}

export type ErrorCode =
  | 'malformed_json'
  | 'bad_frame'
  | 'slow_down'
  | 'not_started'
  | 'already_started'
  | 'resume_failed'
  | 'no_hotline'
  | 'not_found'
  | 'already_taken'
  | 'chat_ended'
  | 'internal';

/** What the server sends a visitor. */
export type ToVisitor =
  | { type: 'started'; chatId: string; token: string; position: number }
  | { type: 'resumed'; chatId: string; status: ChatStatus; position: number | null; messages: ChatMessage[] }
  | { type: 'queue'; position: number }
  | { type: 'accepted' }
  | { type: 'ack'; clientId: string; id: string }
  | { type: 'message'; message: ChatMessage }
  | { type: 'typing'; typing: boolean }
  | { type: 'ended'; by: EndedBy }
  | { type: 'error'; code: ErrorCode; message: string };

/** What the server sends an advocate. */
export type ToAdvocate =
  | { type: 'queue'; chats: QueuedChat[] }
  | { type: 'mine'; chats: QueuedChat[] }
  | { type: 'chat'; chat: ChatDetail }
  | { type: 'ack'; chatId: string; clientId: string; id: string }
  | { type: 'message'; chatId: string; message: ChatMessage }
  | { type: 'typing'; chatId: string; typing: boolean }
  | { type: 'presence'; chatId: string; present: boolean }
  | { type: 'ended'; chatId: string; by: EndedBy }
  | { type: 'error'; code: ErrorCode; message: string; chatId?: string };

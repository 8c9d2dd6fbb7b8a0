/**
 * Webchat use cases. Each change commits with its audit row and its notification in one
 * transaction; the notification reaches every Waymark process (LISTEN/NOTIFY) only after commit,
 * so what a listener hears is already in the database.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { publish } from '../../platform/db/notify';
import type { DB } from '../../platform/db/schema';
import type { Queryable } from '../../platform/db/transaction';
import { recordSignal } from '../intake/service';
import { insertChatLine } from './post-message';
import type { ChatMessage, EndedBy, Sender } from './schema';
import * as store from './store';
import type { ChatRow } from './store';

export const CHANNEL = 'webchat';
/** A visitor whose connection dropped gets the same chat back within this many minutes. */
export const RESUME_MINUTES = 5;

/** What travels between processes: ids and small facts, plus the message itself (it fits). */
export type WireEvent =
  | { k: 'queue'; h: string }
  | { k: 'msg'; c: string; m: ChatMessage }
  | { k: 'typing'; c: string; from: Sender; on: boolean }
  | { k: 'accepted'; c: string; h: string; a: string }
  | { k: 'ended'; c: string; h: string; by: EndedBy }
  | { k: 'presence'; c: string; present: boolean };

const emit = (q: Queryable, e: WireEvent): Promise<void> => publish(q, CHANNEL, e);
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Anonymous visitors are audited without their address: a survivor's IP is not ours to keep. */
export const visitorActor = (hotlineId: string): AuditActor => ({
  hotlineId,
  userId: null,
  label: 'public:webchat',
  ip: null,
});

export const advocateActor = (actor: Actor, ip: string): AuditActor => ({
  hotlineId: actor.hotlineId,
  userId: actor.userId,
  label: `user:${actor.role}`,
  ip,
});

export class ChatError extends Error {
  constructor(
    readonly code: 'no_hotline' | 'not_found' | 'already_taken' | 'chat_ended' | 'resume_failed',
    message: string,
  ) {
    super(message);
  }
}

export async function startChat(
  db: Kysely<DB>,
  input: { hotline?: string | undefined; language: string; state: string | null; safeToChat: boolean },
): Promise<{ chat: ChatRow; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const chat = await db.transaction().execute(async (trx) => {
    const hotlineId = await store.findHotlineForChat(trx, input.hotline);
    if (!hotlineId) throw new ChatError('no_hotline', 'This chat is not available.');
    const chatId = randomUUID();
    // The chat is the signal; its id makes a retried start record one signal, not two.
    const signal = await recordSignal(trx, visitorActor(hotlineId), {
      hotlineId,
      channel: 'webchat',
      providerId: chatId,
      language: input.language,
      state: input.state,
      signaler: { language: input.language },
      content: { chatId, safeToChat: input.safeToChat },
    });
    const row = await store.insertChat(trx, {
      id: chatId,
      hotline_id: hotlineId,
      signal_id: signal.id,
      resume_hash: hashToken(token),
      language: input.language,
      state: input.state,
      safe_to_chat: input.safeToChat,
    });
    await recordAudit(trx, visitorActor(hotlineId), {
      action: 'webchat.started',
      subjectType: 'signal',
      subjectId: signal.id,
      details: { chatId: row.id },
    });
    await emit(trx, { k: 'queue', h: hotlineId });
    return row;
  });
  return { chat, token };
}

/** The same chat for a visitor who comes back within the window; the token is the only key. */
export async function resumeChat(
  db: Kysely<DB>,
  token: string,
): Promise<{ chat: ChatRow; messages: ChatMessage[] }> {
  return db.transaction().execute(async (trx) => {
    const chat = await store.findChatByResumeHash(trx, hashToken(token));
    const expired =
      chat?.visitor_away_at && Date.now() - chat.visitor_away_at.getTime() > RESUME_MINUTES * 60_000;
    if (!chat || chat.status === 'ended' || expired) {
      throw new ChatError('resume_failed', 'This chat has ended. You can start a new one.');
    }
    await store.setVisitorAway(trx, chat.id, false);
    await emit(trx, { k: 'presence', c: chat.id, present: true });
    return { chat, messages: await store.listMessages(trx, chat.signal_id) };
  });
}

/** Stores one message; the caller acknowledges it only after this resolves (after commit). */
export async function postMessage(
  db: Kysely<DB>,
  input: { chatId: string; sender: Sender; text: string; advocate?: { actor: Actor; ip: string } },
): Promise<ChatMessage> {
  const advocate = input.advocate?.actor;
  // One statement, committed on its own: no transaction around it is needed.
  const done = await insertChatLine(db, {
    chatId: input.chatId,
    sender: input.sender,
    text: input.text,
    advocate: advocate ? { userId: advocate.userId, hotlineId: advocate.hotlineId } : null,
    who: input.advocate ? advocateActor(input.advocate.actor, input.advocate.ip) : visitorActor(''),
    wireChannel: CHANNEL,
  });
  if (done.ok) return done.message;
  if (done.reason === 'chat_ended') throw new ChatError('chat_ended', 'This chat has ended.');
  throw new ChatError('not_found', 'No such chat.');
}

export async function acceptChat(db: Kysely<DB>, actor: Actor, ip: string, chatId: string): Promise<ChatRow> {
  return db.transaction().execute(async (trx) => {
    const chat = await store.claimChat(trx, { chatId, hotlineId: actor.hotlineId, advocateId: actor.userId });
    if (!chat) {
      const existing = await store.findChat(trx, chatId);
      if (!existing || existing.hotline_id !== actor.hotlineId)
        throw new ChatError('not_found', 'No such chat.');
      throw new ChatError('already_taken', 'Another advocate has taken this chat, or it has ended.');
    }
    await trx
      .updateTable('signals')
      .set({ assigned_to: actor.userId, updated_at: new Date() })
      .where('id', '=', chat.signal_id)
      .where('hotline_id', '=', actor.hotlineId)
      .execute();
    await recordAudit(trx, advocateActor(actor, ip), {
      action: 'webchat.accepted',
      subjectType: 'signal',
      subjectId: chat.signal_id,
      details: { chatId: chat.id },
    });
    await emit(trx, { k: 'accepted', c: chat.id, h: chat.hotline_id, a: actor.userId });
    await emit(trx, { k: 'queue', h: chat.hotline_id });
    return chat;
  });
}

/** An advocate may open only their own chats (after a reconnect, or in a second tab). */
export async function openChat(
  q: Queryable,
  actor: Actor,
  chatId: string,
): Promise<{ chat: ChatRow; messages: ChatMessage[]; referenceCode: string }> {
  const chat = await store.findChat(q, chatId);
  if (!chat || chat.hotline_id !== actor.hotlineId || chat.advocate_id !== actor.userId) {
    throw new ChatError('not_found', 'No such chat.');
  }
  return {
    chat,
    messages: await store.listMessages(q, chat.signal_id),
    referenceCode: await store.referenceCodeOf(q, chat.signal_id),
  };
}

export async function endChat(
  db: Kysely<DB>,
  input: { chatId: string; by: EndedBy; advocate?: { actor: Actor; ip: string } },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await store.findChat(trx, input.chatId);
    const advocate = input.advocate?.actor;
    if (
      !current ||
      (advocate && (current.hotline_id !== advocate.hotlineId || current.advocate_id !== advocate.userId))
    ) {
      throw new ChatError('not_found', 'No such chat.');
    }
    const chat = await store.markEnded(trx, input.chatId, input.by);
    if (!chat) return;
    const who = input.advocate
      ? advocateActor(input.advocate.actor, input.advocate.ip)
      : {
          ...visitorActor(chat.hotline_id),
          label: input.by === 'timeout' ? 'system:webchat' : 'public:webchat',
        };
    await recordAudit(trx, who, {
      action: 'webchat.ended',
      subjectType: 'signal',
      subjectId: chat.signal_id,
      details: { chatId: chat.id, by: input.by },
    });
    await emit(trx, { k: 'ended', c: chat.id, h: chat.hotline_id, by: input.by });
    if (current.status === 'waiting') await emit(trx, { k: 'queue', h: chat.hotline_id });
  });
}

/** Typing is not stored: one notification, its own tiny transaction. */
export async function sendTyping(db: Kysely<DB>, chatId: string, from: Sender, on: boolean): Promise<void> {
  await emit(db, { k: 'typing', c: chatId, from, on });
}

export async function visitorLeft(db: Kysely<DB>, chatId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await store.setVisitorAway(trx, chatId, true);
    await emit(trx, { k: 'presence', c: chatId, present: false });
  });
}

/** Ends chats whose visitor never came back. Safe to run on every process: an ended chat stays ended. */
export async function endAbandonedChats(db: Kysely<DB>): Promise<number> {
  const chats = await store.findAbandoned(db, RESUME_MINUTES);
  for (const chat of chats) await endChat(db, { chatId: chat.id, by: 'timeout' });
  return chats.length;
}

export async function queuePosition(q: Queryable, chat: ChatRow): Promise<number | null> {
  if (chat.status !== 'waiting') return null;
  const waiting = await store.listWaiting(q, chat.hotline_id);
  const i = waiting.findIndex((w) => w.chatId === chat.id);
  return i < 0 ? null : i + 1;
}

/** SQL for webchat. Every read names the hotline or a chat id the caller already holds. */
import { sql, type ColumnType, type Generated, type Selectable } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import '../intake/tables';
import type { ChatMessage, EndedBy, QueuedChat } from './schema';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface WebchatChatsTable {
  id: Generated<string>;
  hotline_id: string;
  signal_id: string;
  resume_hash: string;
  status: Generated<'waiting' | 'active' | 'ended'>;
  language: string;
  state: string | null;
  safe_to_chat: boolean;
  advocate_id: string | null;
  queued_at: CreatedAt;
  accepted_at: Date | null;
  ended_at: Date | null;
  ended_by: EndedBy | null;
  visitor_away_at: Date | null;
  version: Generated<number>;
}

declare module '../../platform/db/schema' {
  interface DB {
    webchat_chats: WebchatChatsTable;
  }
}

export type ChatRow = Selectable<WebchatChatsTable>;

/** The hotline named by its slug, else the only hotline of a one-hotline installation. */
export async function findHotlineForChat(
  q: Queryable,
  slug: string | undefined,
): Promise<string | undefined> {
  if (slug) {
    const row = await q.selectFrom('hotlines').select('id').where('slug', '=', slug).executeTakeFirst();
    return row?.id;
  }
  const rows = await q.selectFrom('hotlines').select('id').limit(2).execute();
  return rows.length === 1 ? rows[0]?.id : undefined;
}

export async function insertChat(
  q: Queryable,
  input: Pick<
    ChatRow,
    'id' | 'hotline_id' | 'signal_id' | 'resume_hash' | 'language' | 'state' | 'safe_to_chat'
  >,
): Promise<ChatRow> {
  return q.insertInto('webchat_chats').values(input).returningAll().executeTakeFirstOrThrow();
}

export async function findChat(q: Queryable, id: string): Promise<ChatRow | undefined> {
  return q.selectFrom('webchat_chats').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findChatByResumeHash(q: Queryable, hash: string): Promise<ChatRow | undefined> {
  return q.selectFrom('webchat_chats').selectAll().where('resume_hash', '=', hash).executeTakeFirst();
}

export async function referenceCodeOf(q: Queryable, signalId: string): Promise<string> {
  const row = await q
    .selectFrom('signals')
    .select('reference_code')
    .where('id', '=', signalId)
    .executeTakeFirst();
  return row?.reference_code ?? '';
}

/** The transcript: the chat signal's messages, oldest first ('in' from the visitor). */
export async function listMessages(q: Queryable, signalId: string): Promise<ChatMessage[]> {
  const rows = await q
    .selectFrom('signal_messages')
    .select(['id', 'direction', 'body', 'created_at'])
    .where('signal_id', '=', signalId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    from: r.direction === 'in' ? 'visitor' : 'advocate',
    text: r.body,
    at: r.created_at.toISOString(),
  }));
}

const toQueued = (r: ChatRow): QueuedChat => ({
  chatId: r.id,
  language: r.language,
  state: r.state,
  safeToChat: r.safe_to_chat,
  queuedAt: r.queued_at.toISOString(),
});

export async function listWaiting(q: Queryable, hotlineId: string): Promise<QueuedChat[]> {
  const rows = await q
    .selectFrom('webchat_chats')
    .selectAll()
    .where('hotline_id', '=', hotlineId)
    .where('status', '=', 'waiting')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map(toQueued);
}

export async function listActiveFor(
  q: Queryable,
  hotlineId: string,
  advocateId: string,
): Promise<QueuedChat[]> {
  const rows = await q
    .selectFrom('webchat_chats')
    .selectAll()
    .where('hotline_id', '=', hotlineId)
    .where('advocate_id', '=', advocateId)
    .where('status', '=', 'active')
    .orderBy('accepted_at')
    .execute();
  return rows.map(toQueued);
}

/** Takes a waiting chat; undefined when someone else was quicker (one row, one winner). */
export async function claimChat(
  q: Queryable,
  input: { chatId: string; hotlineId: string; advocateId: string },
): Promise<ChatRow | undefined> {
  return q
    .updateTable('webchat_chats')
    .set({
      status: 'active',
      advocate_id: input.advocateId,
      accepted_at: new Date(),
      version: sql`version + 1`,
    })
    .where('id', '=', input.chatId)
    .where('hotline_id', '=', input.hotlineId)
    .where('status', '=', 'waiting')
    .returningAll()
    .executeTakeFirst();
}

export async function markEnded(q: Queryable, chatId: string, by: EndedBy): Promise<ChatRow | undefined> {
  return q
    .updateTable('webchat_chats')
    .set({ status: 'ended', ended_at: new Date(), ended_by: by, version: sql`version + 1` })
    .where('id', '=', chatId)
    .where('status', '<>', 'ended')
    .returningAll()
    .executeTakeFirst();
}

export async function setVisitorAway(q: Queryable, chatId: string, away: boolean): Promise<void> {
  await q
    .updateTable('webchat_chats')
    .set({ visitor_away_at: away ? new Date() : null })
    .where('id', '=', chatId)
    .where('status', '<>', 'ended')
    .execute();
}

/** Chats whose visitor has been gone longer than the resume window. */
export async function findAbandoned(q: Queryable, minutes: number): Promise<ChatRow[]> {
  return q
    .selectFrom('webchat_chats')
    .selectAll()
    .where('status', '<>', 'ended')
    .where('visitor_away_at', '<', sql<Date>`now() - make_interval(mins => ${minutes})`)
    .limit(100)
    .execute();
}

/** SQL for the inbox, always scoped to the caller's hotline. */
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import type { InboxFilters, InboxItem, SignalView } from './inbox-schema';
import './tables';

const ISO = sql<string>`to_char(s.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function decodeCursor(after: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [unknown, unknown];
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/.test(id) &&
      !Number.isNaN(Date.parse(at))
    ) {
      return { at, id };
    }
  } catch {
    /* fall through */
  }
  throw new AppError('validation_failed', 'Some fields are missing or not valid.', {
    fields: [{ path: 'query.after', message: 'Not a cursor from this list' }],
  });
}

const encodeCursor = (at: string, id: string): string =>
  Buffer.from(JSON.stringify([at, id])).toString('base64url');

/** Newest first, keyset-paginated on (received_at, id), so a page never repeats or skips a row. */
export async function listSignals(
  q: Queryable,
  hotlineId: string,
  f: InboxFilters,
): Promise<{ signals: InboxItem[]; next: string | null }> {
  let query = q
    .selectFrom('signals as s')
    .select([
      's.id',
      's.reference_code',
      's.channel',
      's.status',
      's.state',
      's.state_inferred',
      's.city',
      ISO.as('received'),
      sql<string>`left(coalesce(s.content->'form'->>'what', s.content->'call'->>'notes',
        (select m.body from signal_messages m where m.signal_id = s.id order by m.created_at limit 1), ''), 140)`.as(
        'preview',
      ),
    ])
    .where('s.hotline_id', '=', hotlineId);
  if (f.channel) query = query.where('s.channel', '=', f.channel);
  if (f.status) query = query.where('s.status', '=', f.status);
  if (f.state) query = query.where('s.state', '=', f.state);
  if (f.after) {
    const c = decodeCursor(f.after);
    query = query.where(sql<boolean>`(s.received_at, s.id) < (${c.at}::timestamptz, ${c.id}::uuid)`);
  }
  const rows = await query
    .orderBy('s.received_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    signals: page.map((r) => ({
      id: r.id,
      referenceCode: r.reference_code,
      channel: r.channel,
      receivedAt: r.received,
      status: r.status,
      state: r.state,
      stateInferred: r.state_inferred,
      city: r.city,
      preview: r.preview,
    })),
    next: rows.length > f.limit && last ? encodeCursor(last.received, last.id) : null,
  };
}

export type StoredSignal = Omit<SignalView, 'replyBy' | 'preview'> & { threadKey: string | null };

export async function findSignal(
  q: Queryable,
  hotlineId: string,
  id: string,
): Promise<StoredSignal | undefined> {
  const s = await q
    .selectFrom('signals as s')
    .leftJoin('signalers as p', 'p.id', 's.signaler_id')
    .select([
      's.id',
      's.reference_code',
      's.channel',
      's.status',
      's.state',
      's.state_inferred',
      's.city',
      's.language',
      's.location_text',
      's.content',
      's.thread_key',
      ISO.as('received'),
      'p.id as signaler_id',
      'p.role',
      'p.name',
      'p.phone',
      'p.email',
      'p.contact_safe',
      'p.contact_instructions',
    ])
    .where('s.hotline_id', '=', hotlineId)
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!s) return undefined;
  const messages = await q
    .selectFrom('signal_messages')
    .select(['id', 'direction', 'body', 'meta', 'delivery_status', 'created_at'])
    .where('hotline_id', '=', hotlineId)
    .where('signal_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const attachments = await q
    .selectFrom('signal_attachments')
    .select(['id', 'message_id', 'filename', 'content_type', 'size_bytes'])
    .where('hotline_id', '=', hotlineId)
    .where('signal_id', '=', id)
    .execute();
  return {
    id: s.id,
    referenceCode: s.reference_code,
    channel: s.channel,
    receivedAt: s.received,
    status: s.status,
    state: s.state,
    stateInferred: s.state_inferred,
    city: s.city,
    language: s.language,
    locationText: s.location_text,
    content: (s.content ?? {}) as Record<string, unknown>,
    threadKey: s.thread_key,
    signaler: s.signaler_id
      ? {
          role: s.role ?? 'other',
          name: s.name,
          phone: s.phone,
          email: s.email,
          contactSafe: s.contact_safe,
          contactInstructions: s.contact_instructions,
        }
      : null,
    messages: messages.map((m) => ({
      id: m.id,
      direction: m.direction,
      body: m.body,
      createdAt: new Date(m.created_at).toISOString(),
      deliveryStatus: m.delivery_status,
      meta: (m.meta ?? {}) as Record<string, unknown>,
      attachments: attachments
        .filter((a) => a.message_id === m.id)
        .map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size_bytes })),
    })),
  };
}

export async function findAttachment(
  q: Queryable,
  hotlineId: string,
  signalId: string,
  attachmentId: string,
): Promise<{ filename: string; contentType: string; data: Buffer } | undefined> {
  const row = await q
    .selectFrom('signal_attachments')
    .select(['filename', 'content_type', 'data'])
    .where('hotline_id', '=', hotlineId)
    .where('signal_id', '=', signalId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  return row
    ? { filename: row.filename, contentType: row.content_type, data: Buffer.from(row.data) }
    : undefined;
}

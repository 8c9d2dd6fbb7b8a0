/** An email to the hotline becomes a signal, or a message in the signal its thread belongs to. */
import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import type { AttachmentInput } from './service';
import { appendToSignal, findMessage, recordSignal } from './service';

/** What a hotline can open safely: documents and pictures, nothing executable or archived. */
export const ATTACHMENT_TYPES = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'text/plain',
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export interface RefusedAttachment {
  filename: string;
  contentType: string;
  size: number;
  reason: 'type' | 'size';
}

export function sortAttachments(mail: ParsedMail): { kept: AttachmentInput[]; refused: RefusedAttachment[] } {
  const kept: AttachmentInput[] = [];
  const refused: RefusedAttachment[] = [];
  for (const a of mail.attachments) {
    const contentType = a.contentType.toLowerCase();
    const filename = (a.filename ?? 'attachment').slice(0, 200);
    if (!ATTACHMENT_TYPES.has(contentType))
      refused.push({ filename, contentType, size: a.size, reason: 'type' });
    else if (a.size > MAX_ATTACHMENT_BYTES)
      refused.push({ filename, contentType, size: a.size, reason: 'size' });
    else kept.push({ filename, contentType, data: a.content });
  }
  return { kept, refused };
}

const referencesOf = (mail: ParsedMail): string[] => {
  const r = mail.references;
  const list = Array.isArray(r) ? r : r ? r.split(/\s+/) : [];
  return [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...list].filter(Boolean).slice(0, 50);
};

/** A message without a Message-ID is named by its bytes, so a resend of it is still recognised. */
export const messageIdOf = (mail: ParsedMail, raw: Buffer): string =>
  mail.messageId ?? `<${createHash('sha256').update(raw).digest('hex')}@no-message-id.invalid>`;

export interface ReceivedEmail {
  hotlineId: string;
  to: string;
  mail: ParsedMail;
  raw: Buffer;
}

/** Stores the email once per Message-ID; a reply (In-Reply-To / References) joins its thread. */
export async function receiveEmail(
  trx: Queryable,
  who: AuditActor,
  e: ReceivedEmail,
): Promise<{ signalId: string | null }> {
  const messageId = messageIdOf(e.mail, e.raw);
  if (await findMessage(trx, e.hotlineId, 'email', messageId)) return { signalId: null };
  const references = referencesOf(e.mail);
  const { kept, refused } = sortAttachments(e.mail);
  const from = e.mail.from?.value[0];
  const message = {
    direction: 'in' as const,
    body: (e.mail.text ?? '').slice(0, 200_000),
    providerId: messageId,
    meta: {
      subject: e.mail.subject ?? '',
      inReplyTo: e.mail.inReplyTo ?? null,
      references,
      refusedAttachments: refused,
    },
    attachments: kept,
  };

  const thread = references.length
    ? await trx
        .selectFrom('signal_messages')
        .select('signal_id')
        .where('hotline_id', '=', e.hotlineId)
        .where('channel', '=', 'email')
        .where('provider_id', 'in', references)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  if (thread) {
    await appendToSignal(trx, who, { hotlineId: e.hotlineId, signalId: thread.signal_id, ...message });
    return { signalId: thread.signal_id };
  }
  const signal = await recordSignal(trx, who, {
    hotlineId: e.hotlineId,
    channel: 'email',
    providerId: messageId,
    receivedAt: new Date(),
    signaler: { email: from?.address ?? null, name: from?.name || null },
    content: { email: { to: e.to, subject: e.mail.subject ?? '' } },
    firstMessage: message,
  });
  return { signalId: signal.id };
}

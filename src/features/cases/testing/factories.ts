/**
 * Small factories for tests and the end-to-end run: signals as a channel would have stored them.
 * Intake and webchat own how signals arrive; these only insert the rows screening reads.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../../platform/db/transaction';
import type { Channel } from '../../../platform/db/schema';

export async function buildSignal(
  q: Queryable,
  input: {
    hotlineId: string;
    channel?: Channel;
    state?: string | null;
    content?: unknown;
    receivedAt?: Date;
  },
): Promise<{ id: string; referenceCode: string }> {
  const referenceCode = `S-${randomBytes(4).toString('hex').toUpperCase()}`;
  const row = await q
    .insertInto('signals')
    .values({
      hotline_id: input.hotlineId,
      reference_code: referenceCode,
      channel: input.channel ?? 'webchat',
      state: input.state ?? null,
      received_at: input.receivedAt ?? new Date(),
      content: JSON.stringify(input.content ?? { messages: [{ from: 'visitor', text: 'I need help.' }] }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, referenceCode };
}

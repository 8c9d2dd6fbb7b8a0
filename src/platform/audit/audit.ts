import type { Queryable } from '../db/transaction';

/** Who did it: a signed-in person, or a named non-person actor ('public:webform', 'cli:users-create'). */
export interface AuditActor {
  hotlineId: string | null;
  userId: string | null;
  label: string;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  /** What was done, never the personal data itself: field names, counts, ids. */
  details?: Record<string, unknown> | undefined;
  /** Defaults to the actor's hotline. */
  hotlineId?: string | null | undefined;
}

/** Writes the audit record with the caller's query runner, so it commits or rolls back with the work. */
export async function recordAudit(q: Queryable, who: AuditActor, entry: AuditEntry): Promise<void> {
  await q
    .insertInto('audit_events')
    .values({
      hotline_id: entry.hotlineId === undefined ? who.hotlineId : entry.hotlineId,
      actor_user_id: who.userId,
      actor_label: who.label,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      ip: who.ip,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** Named bypass for work no person started (migrations, jobs): searchable, and still audited. */
export const systemActor = (
  label: `system:${string}` | `cli:${string}` | `public:${string}`,
  hotlineId: string | null = null,
  ip: string | null = null,
): AuditActor => ({
  hotlineId,
  userId: null,
  label,
  ip,
});

import type { Queryable } from '../../platform/db/transaction';
import type { AuditPage, AuditQuery } from './schema';

/** One hotline's trail, newest first. */
export async function listAuditEvents(q: Queryable, hotlineId: string, f: AuditQuery): Promise<AuditPage> {
  let query = q
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select([
      'a.id',
      'a.at',
      'a.actor_user_id',
      'u.display_name',
      'a.actor_label',
      'a.action',
      'a.subject_type',
      'a.subject_id',
      'a.ip',
      'a.details',
    ])
    .where('a.hotline_id', '=', hotlineId);
  if (f.action) query = query.where('a.action', 'like', `${f.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.userId) query = query.where('a.actor_user_id', '=', f.userId);
  if (f.subjectType) query = query.where('a.subject_type', '=', f.subjectType);
  if (f.subjectId) query = query.where('a.subject_id', '=', f.subjectId);
  if (f.from) query = query.where('a.at', '>=', f.from);
  if (f.to) query = query.where('a.at', '<', f.to);
  if (f.before) query = query.where('a.id', '<', f.before);
  const rows = await query
    .orderBy('a.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const page = rows.slice(0, f.limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      at: r.at,
      actorUserId: r.actor_user_id,
      actorName: r.display_name,
      actorLabel: r.actor_label,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      ip: r.ip,
      details: (r.details ?? {}) as Record<string, unknown>,
    })),
    nextBefore: rows.length > f.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

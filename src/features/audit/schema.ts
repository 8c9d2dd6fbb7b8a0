import { z } from 'zod';

export const AuditQuery = z.object({
  action: z.string().max(100).optional(),
  userId: z.string().uuid().optional(),
  subjectType: z.string().max(50).optional(),
  subjectId: z.string().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** Keyset pagination: the id of the last event of the previous page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditEvent = z.object({
  id: z.number(),
  at: z.date(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const AuditPage = z.object({ events: z.array(AuditEvent), nextBefore: z.number().nullable() });
export type AuditQuery = z.infer<typeof AuditQuery>;
export type AuditPage = z.infer<typeof AuditPage>;

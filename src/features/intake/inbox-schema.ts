/** Shapes of the inbox API, shared with the console. */
import { z } from 'zod';
import { isPlaceCode } from '../../platform/us-states';
import { REPORTER_ROLES } from './report-schema';

export const ChannelSchema = z.enum(['phone', 'webform', 'email', 'text', 'webchat']);
export const StatusSchema = z.enum(['new', 'in_triage', 'triaged', 'closed']);

export const InboxQuery = z.object({
  channel: ChannelSchema.optional(),
  status: StatusSchema.optional(),
  state: z.string().refine(isPlaceCode, 'Use a two-letter state code').optional(),
  /** The `next` cursor of the previous page. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type InboxFilters = z.infer<typeof InboxQuery>;

export const InboxItem = z.object({
  id: z.string(),
  referenceCode: z.string(),
  channel: ChannelSchema,
  receivedAt: z.string(),
  status: StatusSchema,
  state: z.string().nullable(),
  stateInferred: z.boolean(),
  city: z.string().nullable(),
  preview: z.string(),
});
export type InboxItem = z.infer<typeof InboxItem>;
export const InboxPage = z.object({ signals: z.array(InboxItem), next: z.string().nullable() });

export const IdParams = z.object({ id: z.string().uuid() });
export const AttachmentParams = z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() });

export const MessageView = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  body: z.string(),
  createdAt: z.string(),
  deliveryStatus: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
  attachments: z.array(
    z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number() }),
  ),
});

export const SignalView = InboxItem.extend({
  language: z.string().nullable(),
  locationText: z.string().nullable(),
  content: z.record(z.string(), z.unknown()),
  signaler: z
    .object({
      role: z.string(),
      name: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      contactSafe: z.boolean().nullable(),
      contactInstructions: z.string().nullable(),
    })
    .nullable(),
  messages: z.array(MessageView),
  /** How an advocate can answer on the signal's own channel, or null when they cannot. */
  replyBy: z.enum(['text', 'email']).nullable(),
});
export type SignalView = z.infer<typeof SignalView>;

export const ReplyBody = z.object({
  body: z.string().trim().min(1, 'Write a reply').max(1600, 'Use at most 1,600 characters'),
});
export const ReplyResult = z.object({ messageId: z.string() });

export const CallLogBody = z.object({
  /** A call the voice webhook already recorded, to add the advocate's notes to. */
  signalId: z.string().uuid().optional(),
  callerRole: z.enum(REPORTER_ROLES).default('other'),
  language: z.string().trim().min(2).max(20).default('en'),
  durationMinutes: z.number().int().min(0).max(600),
  summary: z.string().trim().min(1, 'Write what was said').max(20_000),
  state: z.string().refine(isPlaceCode, 'Use a two-letter state code').optional(),
  city: z.string().trim().max(200).optional(),
  locationText: z.string().trim().max(500).optional(),
  callbackSafe: z.boolean().default(false),
  callbackNumber: z.string().trim().max(40).optional(),
  callbackInstructions: z.string().trim().max(1000).optional(),
});
export type CallLog = z.infer<typeof CallLogBody>;
export const CallLogResult = z.object({ id: z.string(), referenceCode: z.string() });

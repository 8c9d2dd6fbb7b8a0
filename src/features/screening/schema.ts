import { z } from 'zod';
import { AnswerValue, Checklist, MEANS_OF_CONTROL } from './checklist';
import { CATEGORIES, INDICATOR_LEVELS, RULES, TRAFFICKING_TYPES } from './rules';

export const CategorySchema = z.enum(CATEGORIES);
export const TraffickingTypeSchema = z.enum(TRAFFICKING_TYPES);
export const IndicatorLevelSchema = z.enum(INDICATOR_LEVELS);
export const SignalStatusSchema = z.enum(['new', 'in_triage', 'triaged', 'closed']);
export const ChannelSchema = z.enum(['phone', 'webform', 'email', 'text', 'webchat']);

export const SignalIdParams = z.object({ id: z.string().uuid() });

export const SignalListQuery = z.object({
  status: z.enum(['new', 'in_triage', 'triaged', 'closed', 'open']).default('open'),
  unassigned: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const SignalSummary = z.object({
  id: z.string(),
  referenceCode: z.string(),
  channel: ChannelSchema,
  receivedAt: z.date(),
  status: SignalStatusSchema,
  state: z.string().nullable(),
  category: z.string().nullable(),
  assignedTo: z.string().nullable(),
});
export const SignalList = z.object({ items: z.array(SignalSummary), nextCursor: z.string().nullable() });

export const Reason = z.object({ rule: z.enum(RULES), questions: z.array(z.string()) });
export const Suggestion = z.object({
  category: CategorySchema,
  traffickingType: TraffickingTypeSchema,
  indicatorLevel: IndicatorLevelSchema,
  reasons: z.array(Reason),
  meansOfControl: z.array(z.enum(MEANS_OF_CONTROL)),
});

export const Screening = z.object({
  id: z.string(),
  checklistVersion: z.string(),
  answers: z.record(z.string(), AnswerValue),
  suggested: Suggestion,
  category: CategorySchema,
  traffickingType: TraffickingTypeSchema,
  indicatorLevel: IndicatorLevelSchema,
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
  screenedBy: z.string().nullable(),
  createdAt: z.date(),
});

export const SignalDetail = SignalSummary.extend({
  version: z.number(),
  language: z.string().nullable(),
  city: z.string().nullable(),
  locationText: z.string().nullable(),
  transcript: z.array(z.object({ from: z.string(), text: z.string() })),
  screening: Screening.nullable(),
  caseIds: z.array(z.object({ id: z.string(), referenceCode: z.string() })),
});

export const ChecklistResponse = Checklist;
export const ChecklistQuery = z.object({ version: z.string().max(41).optional() });

export const ScreeningBody = z
  .object({
    signalVersion: z.number().int().min(1),
    checklistVersion: z.string().min(1).max(41),
    answers: z.record(z.string().max(61), AnswerValue),
    decision: z.object({
      category: CategorySchema,
      traffickingType: TraffickingTypeSchema,
      indicatorLevel: IndicatorLevelSchema,
    }),
    overrideReason: z.string().trim().max(2000).optional(),
  })
  .strict();
export type ScreeningBody = z.infer<typeof ScreeningBody>;

export const AssignSignalBody = z.object({
  signalVersion: z.number().int().min(1),
  assigneeId: z.string().uuid().nullable(),
});
export const Ok = z.object({ ok: z.literal(true), version: z.number() });

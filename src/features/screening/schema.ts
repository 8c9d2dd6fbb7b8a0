import { z } from 'zod';
import { AnswerValue, Checklist, DOMAINS, MEANS_OF_CONTROL } from './checklist';
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

const Wording = z.object({
  en: z.string().trim().min(1, 'Write it in English').max(300),
  es: z.string().trim().min(1, 'Write it in Spanish').max(300),
});
export const QuestionEdit = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,60}$/, 'Lower-case letters, digits and _, starting with a letter'),
    /** Only for a new question; an existing one keeps its kind and domain. */
    kind: z.enum(['yes_no', 'age', 'choice']).optional(),
    domain: z.enum(DOMAINS).optional(),
    text: Wording,
    help: z.object({ en: z.string().trim().max(1000), es: z.string().trim().max(1000) }).optional(),
    hidden: z.boolean().optional(),
    options: z
      .array(
        z.object({
          value: z.string().regex(/^[a-z_]{1,40}$/, 'Lower-case letters and _'),
          en: z.string().trim().min(1, 'Write it in English').max(200),
          es: z.string().trim().min(1, 'Write it in Spanish').max(200),
        }),
      )
      .max(30)
      .optional(),
  })
  .strict();
export type QuestionEdit = z.infer<typeof QuestionEdit>;

export const PublishChecklistBody = z
  .object({
    /** The version the edit started from: publishing over a newer one is a 409. */
    basedOn: z.string().min(1).max(41),
    note: z.string().trim().min(1, 'Say what changed and why').max(1000),
    questions: z.array(QuestionEdit).min(1).max(200),
  })
  .strict();
export type PublishChecklistBody = z.infer<typeof PublishChecklistBody>;

export const ChecklistVersion = z.object({
  version: z.string(),
  /** The hotline's own adaptation, or the checklist shipped with Waymark. */
  own: z.boolean(),
  current: z.boolean(),
  basedOn: z.string().nullable(),
  note: z.string().nullable(),
  publishedBy: z.string().nullable(),
  publishedAt: z.date(),
});
export const ChecklistVersions = z.object({ current: z.string(), versions: z.array(ChecklistVersion) });
export const PublishedChecklist = z.object({
  version: z.string(),
  basedOn: z.string(),
  note: z.string(),
  publishedAt: z.date(),
  checklist: Checklist,
});

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

import { z } from 'zod';
import { MEANS_OF_CONTROL } from '../screening/checklist';
import { IndicatorLevelSchema, TraffickingTypeSchema } from '../screening/schema';
import { looksLikeEmail, normalisePhone } from './contact';
import {
  CASE_STATUSES,
  CLOSE_REASONS,
  GENDERS,
  PERSON_ROLES,
  TYPOLOGY_SLUGS,
  US_STATES,
  VENUE_TYPES,
} from './vocabulary';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
export const StateSchema = z.enum(US_STATES, {
  message: 'Choose a US state or territory (two letters, like MS)',
});
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2008-05-31');

export const IdParams = z.object({ id: z.string().uuid() });
export const CasePersonParams = z.object({ id: z.string().uuid(), personId: z.string().uuid() });
export const TaskParams = z.object({ id: z.string().uuid() });
export const Version = z.number().int().min(1);

export const CaseStatusSchema = z.enum(CASE_STATUSES);
export const MeansOfControlSchema = z.enum(MEANS_OF_CONTROL);

export const OpenCaseBody = z.object({
  signalId: z.string().uuid(),
  summary: text(5000).default(''),
  traffickingType: TraffickingTypeSchema.optional(),
  indicatorLevel: IndicatorLevelSchema.optional(),
});
export const AttachSignalBody = z.object({ signalId: z.string().uuid() });

export const UpdateCaseBody = z
  .object({
    version: Version,
    summary: text(5000).optional(),
    traffickingType: TraffickingTypeSchema.optional(),
    indicatorLevel: IndicatorLevelSchema.nullable().optional(),
    meansOfControl: z.array(MeansOfControlSchema).max(MEANS_OF_CONTROL.length).optional(),
  })
  .strict();
export type UpdateCaseBody = z.infer<typeof UpdateCaseBody>;

export const ChangeStatusBody = z
  .object({
    version: Version,
    status: CaseStatusSchema,
    closeReason: z.enum(CLOSE_REASONS).optional(),
    note: text(5000).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.status === 'closed' && !b.closeReason) {
      ctx.addIssue({ code: 'custom', path: ['closeReason'], message: 'Say why the case is closing' });
    }
  });
export type ChangeStatusBody = z.infer<typeof ChangeStatusBody>;

export const AssignCaseBody = z.object({ version: Version, assigneeId: z.string().uuid().nullable() });

const today = (): string => new Date().toISOString().slice(0, 10);

function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Whether the person is under 18 by what was said: an age, a birth date, or the advocate's mark. */
export function isMinorFrom(p: {
  ageYears?: number | null;
  birthDate?: string | null;
  isMinor?: boolean | null;
}): boolean | null {
  if (p.ageYears != null) return p.ageYears < 18;
  if (p.birthDate) return ageOn(p.birthDate, today()) < 18;
  return p.isMinor ?? null;
}

const PersonFields = z.object({
  fullName: optionalText(200),
  aliases: z.array(text(200).min(1)).max(20).default([]),
  birthDate: IsoDate.nullable().optional(),
  ageYears: z.number().int().min(0, 'Age cannot be negative').max(120).nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  nationality: optionalText(100),
  languages: z.array(text(60).min(1)).max(10).default([]),
  phones: z.array(text(40).min(1)).max(10).default([]),
  emails: z.array(text(320).min(1)).max(10).default([]),
  identifyingDetails: optionalText(2000),
  isMinor: z.boolean().nullable().optional(),
});

function checkPerson(p: z.infer<typeof PersonFields>, ctx: z.RefinementCtx): void {
  if (p.birthDate) {
    const d = new Date(`${p.birthDate}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== p.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'This is not a real date' });
    } else if (p.birthDate > today()) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: 'A date of birth cannot be in the future',
      });
    } else if (p.ageYears != null && Math.abs(ageOn(p.birthDate, today()) - p.ageYears) > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['ageYears'],
        message: 'The age does not match the date of birth',
      });
    }
  }
  const byAge = p.ageYears != null ? p.ageYears < 18 : null;
  if (p.isMinor != null && byAge != null && p.isMinor !== byAge) {
    ctx.addIssue({
      code: 'custom',
      path: ['isMinor'],
      message: 'Marked as a minor, but the age says otherwise',
    });
  }
  p.phones.forEach((phone, i) => {
    if (!normalisePhone(phone))
      ctx.addIssue({ code: 'custom', path: ['phones', i], message: 'Not a phone number' });
  });
  p.emails.forEach((email, i) => {
    if (!looksLikeEmail(email))
      ctx.addIssue({ code: 'custom', path: ['emails', i], message: 'Not an email address' });
  });
  if (!p.fullName && p.aliases.length === 0 && !p.identifyingDetails) {
    ctx.addIssue({
      code: 'custom',
      path: ['fullName'],
      message: 'Give a name, an alias or identifying details',
    });
  }
}

export const AddPersonBody = z.union([
  PersonFields.extend({ role: z.enum(PERSON_ROLES), personId: z.undefined().optional() }).superRefine(
    checkPerson,
  ),
  z.object({
    role: z.enum(PERSON_ROLES),
    personId: z.string().uuid(),
    isMinor: z.boolean().nullable().optional(),
  }),
]);
export type AddPersonBody = z.infer<typeof AddPersonBody>;
/** role: this person's role in the case, when they have one; changing it needs the same version. */
export const UpdatePersonBody = PersonFields.extend({
  version: Version,
  role: z.enum(PERSON_ROLES).optional(),
}).superRefine(checkPerson);
export type UpdatePersonBody = z.infer<typeof UpdatePersonBody>;
export type PersonInput = z.infer<typeof PersonFields>;

export const AddGroupBody = z.object({
  role: z.enum(PERSON_ROLES),
  count: z.number().int().min(1).max(100000),
  description: optionalText(500),
  includesMinors: z.boolean().nullable().optional(),
});

export const AddBusinessBody = z.object({
  name: text(200).min(1, 'Give the business a name'),
  typology: z.enum(TYPOLOGY_SLUGS, { message: 'Choose a type from the typology' }).nullable().optional(),
  address: optionalText(300),
  city: optionalText(100),
  state: StateSchema.nullable().optional(),
  phone: optionalText(40).refine((p) => !p || normalisePhone(p) !== null, 'Not a phone number'),
});
export const AddLocationBody = z.object({
  venueType: z.enum(VENUE_TYPES, { message: 'Choose a venue type' }),
  address: optionalText(300),
  city: optionalText(100),
  county: optionalText(100),
  state: StateSchema.nullable().optional(),
});
export const AddNoteBody = z.object({ body: text(20000).min(1, 'Write the note first') });
export const AddTaskBody = z.object({
  title: text(300).min(1, 'Give the task a title'),
  dueAt: z.coerce.date({ message: 'Give a due date' }),
  assigneeId: z.string().uuid().nullable().optional(),
});
export const CompleteTaskBody = z.object({ version: Version });

export const CaseListQuery = z.object({
  status: z.union([CaseStatusSchema, z.literal('not_closed')]).optional(),
  type: TraffickingTypeSchema.optional(),
  state: StateSchema.optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), z.string().uuid()]).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;
export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

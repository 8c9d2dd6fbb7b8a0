/** The public report, as the form posts it and as POST /api/public/reports takes it. */
import { z } from 'zod';
import { isPlaceCode } from '../../platform/us-states';

/** Form fields arrive as strings; an empty one means "not answered". */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

const choice = <T extends [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess((v) => (v === '' || v === undefined || v === null ? fallback : v), z.enum(values));

export const REPORTER_ROLES = [
  'victim_survivor',
  'family_friend',
  'community_member',
  'service_provider',
  'law_enforcement',
  'other',
] as const;

export const ReportBody = z
  .object({
    what: z.string().trim().min(1, 'Tell us what is happening').max(10_000, 'Use at most 10,000 characters'),
    state: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : v),
      z.string().refine(isPlaceCode, 'Choose a state').optional(),
    ),
    city: text(200),
    when: text(500),
    who: text(5_000),
    minors: choice(['yes', 'no', 'unknown'], 'unknown'),
    danger: choice(['yes', 'no', 'unknown'], 'unknown'),
    role: choice([...REPORTER_ROLES], 'other'),
    contactOk: choice(['yes', 'no'], 'no'),
    contactName: text(200),
    contactPhone: text(40),
    contactEmail: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() || undefined : v),
      z
        .string()
        .max(320)
        .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address like name@example.org')
        .optional(),
    ),
    contactInstructions: text(1_000),
    language: choice(['en', 'es'], 'en'),
    /** Left empty by people; filled by robots that fill every field. */
    website: text(500),
    /** A client-chosen id that makes a resend of the same report harmless (API only). */
    submissionId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional(),
  })
  .superRefine((r, ctx) => {
    if (r.contactOk === 'yes' && !r.contactPhone && !r.contactEmail) {
      ctx.addIssue({
        code: 'custom',
        path: ['contactPhone'],
        message: 'Give a phone number or an email address, or choose not to be contacted',
      });
    }
  });
export type Report = z.infer<typeof ReportBody>;

export const ReportReceipt = z.object({
  referenceCode: z.string(),
  secret: z.string(),
  danger: z.boolean(),
});

export const AddToReportBody = z.object({
  referenceCode: z.string().trim().min(1, 'Enter your reference code').max(20),
  secret: z.string().trim().min(1, 'Enter your secret').max(40),
  more: z.string().trim().min(1, 'Tell us what you want to add').max(10_000, 'Use at most 10,000 characters'),
});

export const AddReceipt = z.object({ referenceCode: z.string(), added: z.literal(true) });

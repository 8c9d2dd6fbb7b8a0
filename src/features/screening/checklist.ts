import { z } from 'zod';

/** CTDC's means-of-control codes (Human Trafficking Case Data Standard). */
export const MEANS_OF_CONTROL = [
  'debt_bondage',
  'takes_earnings',
  'restricts_financial_access',
  'threats',
  'psychological_abuse',
  'physical_abuse',
  'sexual_abuse',
  'false_promises',
  'psychoactive_substances',
  'restricts_movement',
  'restricts_medical_care',
  'excessive_working_hours',
  'uses_children',
  'threat_of_law_enforcement',
  'withholds_necessities',
  'withholds_documents',
  'other',
  'not_specified',
] as const;
export type MeansOfControl = (typeof MEANS_OF_CONTROL)[number];

/**
 * What a "yes" (or an age) means for the suggestion. Rules read effects only, so a hotline can
 * reword, add or drop questions without touching code.
 */
export const EFFECTS = [
  'crisis',
  'labor_context',
  'sex_context',
  'minor',
  'minor_age',
  'force_fraud_coercion',
  'condition',
  'sign',
  'vulnerability',
] as const;
export type Effect = (typeof EFFECTS)[number];

export const DOMAINS = [
  'contact',
  'work',
  'commercial_sex',
  'fraud',
  'coercion',
  'control',
  'debt',
  'violence',
  'isolation',
  'conditions',
  'signs',
  'vulnerability',
] as const;

const Text = z.object({ en: z.string().min(1), es: z.string().min(1) });

export const ChecklistQuestion = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,60}$/),
  domain: z.enum(DOMAINS),
  kind: z.enum(['yes_no', 'age', 'choice']),
  text: Text,
  /** What the advocate may need to know to ask it well, shown under the question. */
  help: Text.optional(),
  /** Still part of the version (its id keeps its meaning) but no longer asked. */
  hidden: z.boolean().optional(),
  effects: z.array(z.enum(EFFECTS)),
  meansOfControl: z.enum(MEANS_OF_CONTROL).optional(),
  options: z
    .array(z.object({ value: z.string().regex(/^[a-z_]{1,40}$/), en: z.string(), es: z.string() }))
    .optional(),
});
export const Checklist = z.object({
  version: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,40}$/),
  questions: z.array(ChecklistQuestion).min(1),
});
export type Checklist = z.infer<typeof Checklist>;
export type ChecklistQuestion = z.infer<typeof ChecklistQuestion>;

export const AnswerValue = z.union([
  z.enum(['yes', 'no', 'unknown']),
  z.number().int().min(0).max(120),
  z.string().regex(/^[a-z_]{1,40}$/),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export type Answers = Record<string, AnswerValue>;

export interface AnswerIssue {
  path: string;
  message: string;
}

/** Answers must fit the checklist they were given under: known questions, the right kind of value. */
export function checkAnswers(checklist: Checklist, answers: Answers): AnswerIssue[] {
  const byId = new Map(checklist.questions.map((q) => [q.id, q]));
  const issues: AnswerIssue[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    const path = `body.answers.${id}`;
    if (!q) {
      issues.push({ path, message: `No question "${id}" in checklist ${checklist.version}` });
    } else if (q.hidden) {
      issues.push({ path, message: `Question "${id}" is no longer asked in checklist ${checklist.version}` });
    } else if (q.kind === 'yes_no' && !['yes', 'no', 'unknown'].includes(String(value))) {
      issues.push({ path, message: 'Answer yes, no or unknown' });
    } else if (q.kind === 'age' && typeof value !== 'number') {
      issues.push({ path, message: 'Enter an age in years (0 to 120)' });
    } else if (q.kind === 'choice' && !q.options?.some((o) => o.value === value)) {
      issues.push({ path, message: 'Choose one of the listed answers' });
    }
  }
  return issues;
}

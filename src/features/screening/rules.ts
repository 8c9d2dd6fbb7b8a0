/**
 * From a checklist's answers to a suggested category, trafficking type and indicator level, with
 * the reasons. The advocate decides; this only suggests. docs/screening.md states these rules.
 */
import type { Answers, Checklist, ChecklistQuestion, Effect, MeansOfControl } from './checklist';

export const CATEGORIES = [
  'crisis',
  'tip',
  'referral_request',
  'training_technical_assistance',
  'general_information',
  'high_risk',
  'non_substantive',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const TRAFFICKING_TYPES = ['sex', 'labor', 'sex_and_labor', 'not_specified'] as const;
export type TraffickingType = (typeof TRAFFICKING_TYPES)[number];
export const INDICATOR_LEVELS = ['high', 'moderate', 'none'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];

export const RULES = [
  'minor_in_commercial_sex',
  'commercial_sex_and_forced_work',
  'commercial_sex',
  'forced_work',
  'no_type_details',
  'force_fraud_coercion_in_exploitation',
  'some_force_fraud_coercion',
  'signs_or_conditions',
  'no_indicators',
  'unrelated_contact',
  'immediate_danger',
  'training_request',
  'indicators_reported',
  'indicators_with_help_request',
  'exploitation_without_indicators',
  'vulnerable_without_indicators',
  'help_request',
  'information_request',
] as const;
export type Rule = (typeof RULES)[number];

/** The rules each effect feeds, so a hotline's edit cannot silently take a rule's input away. */
export const RULES_FED_BY_EFFECT: Record<Effect, readonly Rule[]> = {
  crisis: ['immediate_danger'],
  labor_context: ['forced_work', 'commercial_sex_and_forced_work', 'exploitation_without_indicators'],
  sex_context: ['commercial_sex', 'commercial_sex_and_forced_work', 'exploitation_without_indicators'],
  minor: ['minor_in_commercial_sex'],
  minor_age: ['minor_in_commercial_sex'],
  force_fraud_coercion: ['some_force_fraud_coercion', 'force_fraud_coercion_in_exploitation'],
  condition: ['signs_or_conditions'],
  sign: ['signs_or_conditions'],
  vulnerability: ['vulnerable_without_indicators'],
};
/** The contact's purpose (the choice question of the `contact` domain) and its answers feed these. */
export const RULES_FED_BY_PURPOSE: readonly Rule[] = [
  'unrelated_contact',
  'training_request',
  'indicators_with_help_request',
  'help_request',
];

const isPurpose = (q: ChecklistQuestion) => q.kind === 'choice' && q.domain === 'contact';

/** The suggestion rules that read this question's answer; none for a hotline's own questions. */
export function rulesFedBy(q: ChecklistQuestion): Rule[] {
  const rules = q.effects.flatMap((e) => RULES_FED_BY_EFFECT[e]);
  if (isPurpose(q)) rules.push(...RULES_FED_BY_PURPOSE);
  return [...new Set(rules)];
}

export interface Reason {
  rule: Rule;
  /** Which answers led to it. */
  questions: string[];
}

export interface Suggestion {
  category: Category;
  traffickingType: TraffickingType;
  indicatorLevel: IndicatorLevel;
  reasons: Reason[];
  /** The CTDC means of control the answers name, for the case. */
  meansOfControl: MeansOfControl[];
}

const MINOR_AGE = 18;

export function suggest(checklist: Checklist, answers: Answers): Suggestion {
  const yesWith = (effect: Effect): string[] =>
    checklist.questions.filter((q) => q.effects.includes(effect) && answers[q.id] === 'yes').map((q) => q.id);
  const underAge = checklist.questions
    .filter((q) => q.effects.includes('minor_age'))
    .filter((q) => {
      const v = answers[q.id];
      return typeof v === 'number' && v < MINOR_AGE;
    })
    .map((q) => q.id);
  const purpose = checklist.questions.find(isPurpose);
  const purposeValue = purpose ? answers[purpose.id] : undefined;
  const purposeIds = purpose && purposeValue !== undefined ? [purpose.id] : [];

  const sex = yesWith('sex_context');
  const labor = yesWith('labor_context');
  const ffc = yesWith('force_fraud_coercion');
  const signs = [...yesWith('sign'), ...yesWith('condition')];
  const vulnerable = yesWith('vulnerability');
  const crisis = yesWith('crisis');
  // Any commercial sex involving a person under 18 is trafficking, whatever else is answered.
  const minor = [...yesWith('minor'), ...underAge];
  const reasons: Reason[] = [];

  let traffickingType: TraffickingType;
  if (minor.length > 0) {
    traffickingType = 'sex';
    reasons.push({ rule: 'minor_in_commercial_sex', questions: minor });
  } else if (sex.length > 0 && labor.length > 0) {
    traffickingType = 'sex_and_labor';
    reasons.push({ rule: 'commercial_sex_and_forced_work', questions: [...sex, ...labor] });
  } else if (sex.length > 0) {
    traffickingType = 'sex';
    reasons.push({ rule: 'commercial_sex', questions: sex });
  } else if (labor.length > 0) {
    traffickingType = 'labor';
    reasons.push({ rule: 'forced_work', questions: labor });
  } else {
    traffickingType = 'not_specified';
    reasons.push({ rule: 'no_type_details', questions: [] });
  }

  const exploitation = sex.length > 0 || labor.length > 0;
  let indicatorLevel: IndicatorLevel;
  if (minor.length > 0) {
    indicatorLevel = 'high';
  } else if (exploitation && ffc.length >= 2) {
    indicatorLevel = 'high';
    reasons.push({ rule: 'force_fraud_coercion_in_exploitation', questions: [...sex, ...labor, ...ffc] });
  } else if (ffc.length > 0) {
    indicatorLevel = 'moderate';
    reasons.push({ rule: 'some_force_fraud_coercion', questions: ffc });
  } else if (signs.length >= 2 || (exploitation && signs.length > 0)) {
    indicatorLevel = 'moderate';
    reasons.push({ rule: 'signs_or_conditions', questions: signs });
  } else {
    indicatorLevel = 'none';
    reasons.push({ rule: 'no_indicators', questions: [] });
  }

  const asksForHelp = purposeValue === 'self' || purposeValue === 'referral';
  let category: Category;
  let rule: Rule;
  let questions: string[] = purposeIds;
  if (purposeValue === 'unrelated' && indicatorLevel === 'none' && crisis.length === 0) {
    [category, rule] = ['non_substantive', 'unrelated_contact'];
  } else if (crisis.length > 0) {
    [category, rule, questions] = ['crisis', 'immediate_danger', crisis];
  } else if (purposeValue === 'training' && indicatorLevel === 'none') {
    [category, rule] = ['training_technical_assistance', 'training_request'];
  } else if (indicatorLevel !== 'none') {
    [category, rule] = asksForHelp
      ? ['referral_request', 'indicators_with_help_request']
      : ['tip', 'indicators_reported'];
  } else if (exploitation) {
    [category, rule, questions] = ['high_risk', 'exploitation_without_indicators', [...sex, ...labor]];
  } else if (vulnerable.length > 0) {
    [category, rule, questions] = ['high_risk', 'vulnerable_without_indicators', vulnerable];
  } else if (asksForHelp) {
    [category, rule] = ['referral_request', 'help_request'];
  } else {
    [category, rule] = ['general_information', 'information_request'];
  }
  reasons.push({ rule, questions });

  const meansOfControl = [
    ...new Set(
      checklist.questions
        .filter((q) => q.meansOfControl && answers[q.id] === 'yes')
        .map((q) => q.meansOfControl as MeansOfControl),
    ),
  ];
  return { category, traffickingType, indicatorLevel, reasons, meansOfControl };
}

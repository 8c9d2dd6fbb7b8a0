import { describe, expect, it } from 'vitest';
import { checkAnswers } from './checklist';
import { currentChecklist as checklist } from './checklists';
import { suggest } from './rules';

describe('screening suggestions', () => {
  it('a minor in commercial sex is always sex trafficking with high indicators', () => {
    const s = suggest(checklist, {
      purpose: 'report',
      commercial_sex: 'yes',
      commercial_sex_youngest_age: 16,
    });
    expect(s).toMatchObject({ traffickingType: 'sex', indicatorLevel: 'high', category: 'tip' });
    expect(s.reasons[0]).toEqual({
      rule: 'minor_in_commercial_sex',
      questions: ['commercial_sex_youngest_age'],
    });
    // Even when work is also reported and nothing else is answered.
    const t = suggest(checklist, { minor_in_commercial_sex: 'yes', work_for_someone: 'yes' });
    expect(t).toMatchObject({ traffickingType: 'sex', indicatorLevel: 'high' });
  });

  it('forced work with two means of control is labor trafficking, high', () => {
    const s = suggest(checklist, {
      purpose: 'self',
      work_for_someone: 'yes',
      withholds_documents: 'yes',
      debt: 'yes',
    });
    expect(s).toMatchObject({
      traffickingType: 'labor',
      indicatorLevel: 'high',
      category: 'referral_request',
    });
    expect(s.meansOfControl).toEqual(['withholds_documents', 'debt_bondage']);
  });

  it('commercial sex and forced work together is sex & labor', () => {
    const s = suggest(checklist, { commercial_sex: 'yes', work_for_someone: 'yes', threats: 'yes' });
    expect(s).toMatchObject({
      traffickingType: 'sex_and_labor',
      indicatorLevel: 'moderate',
      category: 'tip',
    });
  });

  it('exploitation without force, fraud or coercion is high risk', () => {
    expect(suggest(checklist, { commercial_sex: 'yes' })).toMatchObject({
      category: 'high_risk',
      indicatorLevel: 'none',
    });
    expect(suggest(checklist, { runaway_homeless_youth: 'yes' }).category).toBe('high_risk');
  });

  it('immediate danger is a crisis; unrelated contacts are non-substantive; training is its own category', () => {
    expect(suggest(checklist, { danger_now: 'yes', purpose: 'unrelated' }).category).toBe('crisis');
    expect(suggest(checklist, { purpose: 'unrelated' })).toMatchObject({
      category: 'non_substantive',
      traffickingType: 'not_specified',
    });
    expect(suggest(checklist, { purpose: 'training' }).category).toBe('training_technical_assistance');
    expect(suggest(checklist, { purpose: 'information' }).category).toBe('general_information');
  });

  it('signs from the seeds raise the level to moderate', () => {
    const s = suggest(checklist, { sign_injuries: 'yes', sign_no_identification: 'yes' });
    expect(s.indicatorLevel).toBe('moderate');
  });

  it('answers must fit the checklist they were given under', () => {
    expect(checkAnswers(checklist, { purpose: 'nonsense', threats: 3, nope: 'yes' })).toEqual([
      { path: 'body.answers.purpose', message: 'Choose one of the listed answers' },
      { path: 'body.answers.threats', message: 'Answer yes, no or unknown' },
      { path: 'body.answers.nope', message: 'No question "nope" in checklist 2026.1' },
    ]);
  });
});

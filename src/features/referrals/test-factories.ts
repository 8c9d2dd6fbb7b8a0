/**
 * Small factories for the referral features' tests: a case with its victims and locations, inserted
 * as rows (the cases feature owns how cases are opened; these only build what the rules read).
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../platform/db/transaction';

export interface BuiltCase {
  id: string;
  referenceCode: string;
  victimIds: string[];
}

export async function buildCase(
  q: Queryable,
  input: {
    hotlineId: string;
    states?: string[];
    victims?: Array<{
      givenName?: string;
      familyName?: string;
      ageYears?: number;
      isMinor?: boolean;
      languages?: string[];
      phones?: string[];
    }>;
    traffickingType?: 'sex' | 'labor' | 'sex_and_labor' | 'not_specified';
  },
): Promise<BuiltCase> {
  const referenceCode = `C-${randomBytes(4).toString('hex').toUpperCase()}`;
  const kase = await q
    .insertInto('cases')
    .values({
      hotline_id: input.hotlineId,
      reference_code: referenceCode,
      trafficking_type: input.traffickingType ?? 'sex',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const state of input.states ?? []) {
    await q
      .insertInto('locations')
      .values({ hotline_id: input.hotlineId, case_id: kase.id, venue_type: 'hotel_motel', state })
      .execute();
  }
  const victimIds: string[] = [];
  for (const v of input.victims ?? []) {
    const p = await q
      .insertInto('persons')
      .values({
        hotline_id: input.hotlineId,
        given_name: v.givenName ?? null,
        family_name: v.familyName ?? null,
        full_name: [v.givenName, v.familyName].filter(Boolean).join(' ') || null,
        age_years: v.ageYears ?? null,
        languages: v.languages ?? [],
        phones: v.phones ?? [],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await q
      .insertInto('case_persons')
      .values({
        case_id: kase.id,
        person_id: p.id,
        hotline_id: input.hotlineId,
        role: 'victim',
        is_minor: v.isMinor ?? null,
      })
      .execute();
    victimIds.push(p.id);
  }
  return { id: kase.id, referenceCode, victimIds };
}

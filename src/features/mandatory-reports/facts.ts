/** The facts of a case that jurisdiction rules test, read in the caller's transaction. */
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import type { Condition, Fact } from './jurisdictions';
import './tables';

export interface CaseFacts {
  'victim.under_18': boolean;
  'victim.adult_consents_to_law_enforcement': boolean;
  'case.trafficking_type': string;
  'case.indicator_level': string | null;
  /** Every state where one of the case's locations lies. */
  'location.state': string[];
}

export async function readCaseFacts(
  q: Queryable,
  hotlineId: string,
  caseId: string,
): Promise<CaseFacts | undefined> {
  const kase = await q
    .selectFrom('cases')
    .select(['trafficking_type', 'indicator_level'])
    .where('hotline_id', '=', hotlineId)
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!kase) return undefined;
  // A victim is a minor when the case says so, or by a recorded age or birth date.
  const minor = await q
    .selectFrom('case_persons as cp')
    .innerJoin('persons as p', 'p.id', 'cp.person_id')
    .select('cp.person_id')
    .where('cp.hotline_id', '=', hotlineId)
    .where('cp.case_id', '=', caseId)
    .where('cp.role', '=', 'victim')
    .where((eb) =>
      eb.or([
        eb('cp.is_minor', '=', true),
        eb('p.age_years', '<', 18),
        sql<boolean>`p.birth_date > (current_date - interval '18 years')`,
      ]),
    )
    .executeTakeFirst();
  const minorGroup = await q
    .selectFrom('case_person_groups')
    .select('id')
    .where('hotline_id', '=', hotlineId)
    .where('case_id', '=', caseId)
    .where('role', '=', 'victim')
    .where('includes_minors', '=', true)
    .executeTakeFirst();
  const consent = await q
    .selectFrom('law_enforcement_consents')
    .select('person_id')
    .where('hotline_id', '=', hotlineId)
    .where('case_id', '=', caseId)
    .where('consents', '=', true)
    .executeTakeFirst();
  const states = await q
    .selectFrom('locations')
    .select('state')
    .distinct()
    .where('hotline_id', '=', hotlineId)
    .where('case_id', '=', caseId)
    .where('state', 'is not', null)
    .execute();
  return {
    'victim.under_18': Boolean(minor ?? minorGroup),
    'victim.adult_consents_to_law_enforcement': Boolean(consent),
    'case.trafficking_type': kase.trafficking_type,
    'case.indicator_level': kase.indicator_level,
    'location.state': states.map((s) => s.state).filter((s): s is string => s !== null),
  };
}

function values(facts: CaseFacts, fact: Fact): Array<string | boolean> {
  const v = facts[fact];
  if (Array.isArray(v)) return v;
  return v === null ? [] : [v];
}

/** True when the facts meet the condition. A list fact (states) meets it when any of its values does. */
export function meets(c: Condition, facts: CaseFacts): boolean {
  if ('all' in c) return c.all.every((x) => meets(x, facts));
  if ('any' in c) return c.any.some((x) => meets(x, facts));
  if ('not' in c) return !meets(c.not, facts);
  const vs = values(facts, c.fact);
  if ('equals' in c) return vs.some((v) => v === c.equals);
  return vs.some((v) => typeof v === 'string' && c.in.includes(v));
}

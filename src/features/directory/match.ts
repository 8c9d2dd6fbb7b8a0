/** Matching services to a case: its location, the person's language and age, and the need asked for. */
import type { Queryable } from '../../platform/db/transaction';
import { notFound } from '../../platform/errors';
import { searchServices } from './search';

export async function matchServicesForCase(
  q: Queryable,
  hotlineId: string,
  caseId: string,
  opts: { need?: string | undefined; personId?: string | undefined },
) {
  const kase = await q
    .selectFrom('cases')
    .select('id')
    .where('hotline_id', '=', hotlineId)
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!kase) throw notFound('case');
  const location = await q
    .selectFrom('locations')
    .select(['state', 'county'])
    .where('hotline_id', '=', hotlineId)
    .where('case_id', '=', caseId)
    .where('state', 'is not', null)
    .orderBy('created_at')
    .executeTakeFirst();
  let person = q
    .selectFrom('case_persons as cp')
    .innerJoin('persons as p', 'p.id', 'cp.person_id')
    .select(['p.age_years', 'p.languages', 'cp.is_minor'])
    .where('cp.hotline_id', '=', hotlineId)
    .where('cp.case_id', '=', caseId)
    .where('cp.role', '=', 'victim');
  if (opts.personId) person = person.where('p.id', '=', opts.personId);
  const victim = await person.orderBy('cp.created_at').executeTakeFirst();
  const criteria = {
    state: location?.state ?? null,
    county: location?.county ? `${location.county.replace(/\s+county$/i, '')} county` : null,
    language: victim?.languages[0] ?? null,
    age: victim?.age_years ?? null,
    need: opts.need ?? null,
  };
  const services = await searchServices(q, {
    state: criteria.state ?? undefined,
    county: criteria.county ?? undefined,
    language: criteria.language ?? undefined,
    age: criteria.age ?? undefined,
    need: criteria.need ?? undefined,
    limit: 50,
  });
  return { criteria, services };
}

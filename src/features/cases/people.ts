/** People on a case: named people with their role, and people known only as a number. */
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor';
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { conflict, notFound, validationFailed } from '../../platform/errors';
import type { LinkRecord } from '../linkage/engine/record';
import { LINKED_PERSON_COLUMNS, ROW_TO_RECORD } from '../linkage/entities';
import { normaliseEmail, normalisePhone, searchNames } from './contact';
import { caseFactsChanged } from './fact-hooks';
import { afterPersonSaved } from './person-hooks';
import { isMinorFrom, type AddPersonBody, type PersonInput, type UpdatePersonBody } from './schema';
import * as store from './store';

function columnsOf(p: PersonInput) {
  return {
    full_name: p.fullName ?? null,
    aliases: p.aliases,
    birth_date: p.birthDate ?? null,
    age_years: p.ageYears ?? null,
    age_recorded_at: p.ageYears != null ? new Date().toISOString().slice(0, 10) : null,
    gender: p.gender ?? null,
    nationality: p.nationality ?? null,
    languages: p.languages,
    phones: [...new Set(p.phones.map((x) => normalisePhone(x) ?? x))],
    emails: [...new Set(p.emails.map(normaliseEmail))],
    identifying_details: p.identifyingDetails ?? null,
    search_names: searchNames(p.fullName, p.aliases),
  };
}

/** One person cannot be both a trafficker and a minor victim of the same case. */
async function checkRoles(
  q: Queryable,
  hotlineId: string,
  caseId: string,
  personId: string,
  role: 'victim' | 'trafficker' | 'other',
  isMinor: boolean | null,
): Promise<void> {
  const roles = await q
    .selectFrom('case_persons')
    .select(['role', 'is_minor'])
    .where('hotline_id', '=', hotlineId)
    .where('case_id', '=', caseId)
    .where('person_id', '=', personId)
    .execute();
  if (roles.some((r) => r.role === role)) {
    throw validationFailed([{ path: 'body.role', message: `This person is already a ${role} in this case` }]);
  }
  const minorVictim =
    roles.some((r) => r.role === 'victim' && r.is_minor) || (role === 'victim' && isMinor === true);
  const trafficker = roles.some((r) => r.role === 'trafficker') || role === 'trafficker';
  if (minorVictim && trafficker) {
    throw validationFailed([
      {
        path: 'body.role',
        message: 'A person cannot be both a trafficker and a minor victim of the same case',
      },
    ]);
  }
}

export async function addPerson(
  q: Queryable,
  actor: Actor,
  who: AuditActor,
  caseId: string,
  body: AddPersonBody,
) {
  const kase = await store.findCase(q, actor.hotlineId, caseId);
  if (!kase) throw notFound('case');
  let personId: string;
  let isMinor: boolean | null;
  let inserted: LinkRecord | undefined;
  if (body.personId) {
    const person = await q
      .selectFrom('persons')
      .select(['id', 'age_years', 'birth_date'])
      .where('hotline_id', '=', actor.hotlineId)
      .where('id', '=', body.personId)
      .executeTakeFirst();
    if (!person) throw validationFailed([{ path: 'body.personId', message: 'No such person' }]);
    personId = person.id;
    isMinor = isMinorFrom({
      ageYears: person.age_years,
      birthDate: person.birth_date,
      isMinor: body.isMinor ?? null,
    });
    await checkRoles(q, actor.hotlineId, caseId, personId, body.role, isMinor);
  } else {
    const fields = body as Extract<AddPersonBody, { aliases: string[] }>;
    isMinor = isMinorFrom(fields);
    const row = await q
      .insertInto('persons')
      .values({ hotline_id: actor.hotlineId, ...columnsOf(fields) })
      .returning(LINKED_PERSON_COLUMNS)
      .executeTakeFirstOrThrow();
    personId = row.id;
    inserted = ROW_TO_RECORD.person(row);
  }
  await q
    .insertInto('case_persons')
    .values({
      case_id: caseId,
      person_id: personId,
      hotline_id: actor.hotlineId,
      role: body.role,
      is_minor: isMinor,
    })
    .execute();
  await afterPersonSaved(q, who, actor.hotlineId, personId, inserted);
  await caseFactsChanged(q, { hotlineId: actor.hotlineId, caseId });
  return { id: personId, role: body.role, isMinor };
}

export async function updatePerson(
  q: Queryable,
  actor: Actor,
  who: AuditActor,
  caseId: string,
  personId: string,
  body: UpdatePersonBody,
) {
  const link = await q
    .selectFrom('case_persons')
    .innerJoin('persons', 'persons.id', 'case_persons.person_id')
    .select('persons.version')
    .select(sql<string[]>`array_agg(case_persons.role) over ()`.as('roles'))
    .where('case_persons.hotline_id', '=', actor.hotlineId)
    .where('case_persons.case_id', '=', caseId)
    .where('case_persons.person_id', '=', personId)
    .executeTakeFirst();
  if (!link) throw notFound('person');
  const isMinor = isMinorFrom(body);
  const previousRole = body.role && !link.roles.includes(body.role) ? link.roles[0] : undefined;
  if (previousRole && link.roles.length > 1) {
    throw validationFailed([
      {
        path: 'body.role',
        message: `This person has ${link.roles.length} roles in this case; the role can be changed only when there is one`,
      },
    ]);
  }
  const roles = previousRole && body.role ? [body.role] : link.roles;
  if (isMinor && roles.includes('trafficker') && roles.includes('victim')) {
    throw validationFailed([
      {
        path: 'body.ageYears',
        message: 'A person cannot be both a trafficker and a minor victim of the same case',
      },
    ]);
  }
  const updated = await q
    .updateTable('persons')
    .set({ ...columnsOf(body), updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
    .where('hotline_id', '=', actor.hotlineId)
    .where('id', '=', personId)
    .where('version', '=', body.version)
    .returning('version')
    .executeTakeFirst();
  if (!updated) {
    throw conflict(
      'Someone else changed this person since you opened the case. Reload to see their changes.',
      {
        currentVersion: link.version,
      },
    );
  }
  if (previousRole && body.role) {
    await q
      .updateTable('case_persons')
      .set({ role: body.role, is_minor: null })
      .where('hotline_id', '=', actor.hotlineId)
      .where('case_id', '=', caseId)
      .where('person_id', '=', personId)
      .where('role', '=', previousRole as 'victim' | 'trafficker' | 'other')
      .execute();
  }
  await q
    .updateTable('case_persons')
    .set({ is_minor: isMinor })
    .where('hotline_id', '=', actor.hotlineId)
    .where('case_id', '=', caseId)
    .where('person_id', '=', personId)
    .where('role', '=', 'victim')
    .execute();
  await afterPersonSaved(q, who, actor.hotlineId, personId);
  // A person's age and birth date are theirs in every case they are in: each of those cases' facts changed.
  const cases = await q
    .selectFrom('case_persons')
    .select('case_id')
    .distinct()
    .where('hotline_id', '=', actor.hotlineId)
    .where('person_id', '=', personId)
    .orderBy('case_id')
    .execute();
  for (const c of cases) await caseFactsChanged(q, { hotlineId: actor.hotlineId, caseId: c.case_id });
  return { id: personId, version: updated.version };
}

export async function addGroup(
  q: Queryable,
  actor: Actor,
  caseId: string,
  body: {
    role: 'victim' | 'trafficker' | 'other';
    count: number;
    description?: string | null | undefined;
    includesMinors?: boolean | null | undefined;
  },
) {
  if (!(await store.findCase(q, actor.hotlineId, caseId))) throw notFound('case');
  const group = await q
    .insertInto('case_person_groups')
    .values({
      case_id: caseId,
      hotline_id: actor.hotlineId,
      role: body.role,
      count: body.count,
      description: body.description ?? null,
      includes_minors: body.includesMinors ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await caseFactsChanged(q, { hotlineId: actor.hotlineId, caseId });
  return group;
}

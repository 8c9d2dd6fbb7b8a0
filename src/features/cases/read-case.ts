/** The case page: everything an advocate needs on one screen, read in one transaction. */
import type { Queryable } from '../../platform/db/transaction';
import { notFound } from '../../platform/errors';
import * as store from './store';
import { timeline } from './timeline';

export async function readCase(q: Queryable, hotlineId: string, caseId: string) {
  const c = await store.findCase(q, hotlineId, caseId);
  if (!c) throw notFound('case');
  const [people, groups, businesses, locations, means, tasks, signals, assignee, events] = await Promise.all([
    q
      .selectFrom('case_persons as cp')
      .innerJoin('persons as p', 'p.id', 'cp.person_id')
      .select([
        'p.id',
        'cp.role',
        'cp.is_minor',
        'p.full_name',
        'p.aliases',
        'p.birth_date',
        'p.age_years',
        'p.gender',
        'p.nationality',
        'p.languages',
        'p.phones',
        'p.emails',
        'p.identifying_details',
        'p.version',
      ])
      .where('cp.hotline_id', '=', hotlineId)
      .where('cp.case_id', '=', caseId)
      .orderBy('cp.created_at')
      .limit(500)
      .execute(),
    q
      .selectFrom('case_person_groups')
      .select(['id', 'role', 'count', 'description', 'includes_minors'])
      .where('hotline_id', '=', hotlineId)
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .limit(100)
      .execute(),
    q
      .selectFrom('case_businesses as cb')
      .innerJoin('businesses as b', 'b.id', 'cb.business_id')
      .select(['b.id', 'b.name', 'b.typology', 'b.address', 'b.city', 'b.state', 'b.phone'])
      .where('cb.hotline_id', '=', hotlineId)
      .where('cb.case_id', '=', caseId)
      .orderBy('cb.created_at')
      .limit(200)
      .execute(),
    q
      .selectFrom('locations')
      .select(['id', 'venue_type', 'address', 'city', 'county', 'state'])
      .where('hotline_id', '=', hotlineId)
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .limit(200)
      .execute(),
    store.meansOfControl(q, hotlineId, caseId),
    q
      .selectFrom('tasks')
      .leftJoin('users', 'users.id', 'tasks.assignee_id')
      .select([
        'tasks.id',
        'tasks.title',
        'tasks.due_at',
        'tasks.assignee_id',
        'users.display_name',
        'tasks.completed_at',
        'tasks.version',
      ])
      .where('tasks.hotline_id', '=', hotlineId)
      .where('tasks.case_id', '=', caseId)
      .orderBy('tasks.completed_at', (ob) => ob.desc().nullsFirst())
      .orderBy('tasks.due_at')
      .limit(200)
      .execute(),
    q
      .selectFrom('case_signals as cs')
      .innerJoin('signals as s', 's.id', 'cs.signal_id')
      .select(['s.id', 's.reference_code', 's.channel', 's.received_at', 's.category'])
      .where('cs.hotline_id', '=', hotlineId)
      .where('cs.case_id', '=', caseId)
      .orderBy('s.received_at', 'desc')
      .limit(200)
      .execute(),
    c.assigned_to
      ? q.selectFrom('users').select('display_name').where('id', '=', c.assigned_to).executeTakeFirst()
      : Promise.resolve(undefined),
    timeline(q, hotlineId, caseId, { limit: 30 }),
  ]);
  return {
    id: c.id,
    referenceCode: c.reference_code,
    version: c.version,
    summary: c.summary,
    traffickingType: c.trafficking_type,
    indicatorLevel: c.indicator_level,
    status: c.status,
    closeReason: c.close_reason,
    identifiedAt: c.identified_at,
    closedAt: c.closed_at,
    assignedTo: c.assigned_to ? { id: c.assigned_to, displayName: assignee?.display_name ?? '' } : null,
    meansOfControl: means,
    people: people.map((p) => ({
      id: p.id,
      role: p.role,
      isMinor: p.is_minor,
      fullName: p.full_name,
      aliases: p.aliases,
      birthDate: p.birth_date,
      ageYears: p.age_years,
      gender: p.gender,
      nationality: p.nationality,
      languages: p.languages,
      phones: p.phones,
      emails: p.emails,
      identifyingDetails: p.identifying_details,
      version: p.version,
    })),
    groups: groups.map((g) => ({
      id: g.id,
      role: g.role,
      count: g.count,
      description: g.description,
      includesMinors: g.includes_minors,
    })),
    businesses,
    locations: locations.map((l) => ({ ...l, venueType: l.venue_type })),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      dueAt: t.due_at,
      assignee: t.assignee_id ? { id: t.assignee_id, displayName: t.display_name ?? '' } : null,
      completedAt: t.completed_at,
      version: t.version,
    })),
    signals: signals.map((s) => ({
      id: s.id,
      referenceCode: s.reference_code,
      channel: s.channel,
      receivedAt: s.received_at,
      category: s.category,
    })),
    timeline: events,
  };
}

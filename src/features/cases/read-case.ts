/**
 * The case page: everything an advocate needs on one screen. The case, its parts and the latest of
 * its timeline come back in one query (JSON built by PostgreSQL): one round trip whatever the size
 * of the case, which keeps the page fast when the database or the machine is busy.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Queryable } from '../../platform/db/transaction';
import { notFound } from '../../platform/errors';
import type { CaseDetail } from './responses';
import { timelinePage, timelineRows, type TimelineRow } from './timeline';

type Detail = z.infer<typeof CaseDetail>;
type TaskJson = Omit<Detail['tasks'][number], 'dueAt' | 'completedAt'> & {
  dueAt: string | null;
  completedAt: string | null;
};
type SignalJson = Omit<Detail['signals'][number], 'receivedAt'> & { receivedAt: string };
/** The row as PostgreSQL builds it: dates inside JSON arrive as strings. */
type CaseRow = Omit<Detail, 'tasks' | 'signals' | 'timeline'> & {
  tasks: TaskJson[];
  signals: SignalJson[];
  timeline: TimelineRow[];
};

/** Entries of the timeline on the case page; older ones page through GET /api/cases/:id/timeline. */
const TIMELINE_PAGE = 30;

const toDate = (v: string | null): Date | null => (v === null ? null : new Date(v));

export async function readCase(q: Queryable, hotlineId: string, caseId: string): Promise<Detail> {
  const { rows } = await sql<CaseRow>`
    select c.id, c.reference_code as "referenceCode", c.version, c.summary,
           c.trafficking_type as "traffickingType", c.indicator_level as "indicatorLevel", c.status,
           c.close_reason as "closeReason", c.identified_at as "identifiedAt", c.closed_at as "closedAt",
           case when c.assigned_to is null then null
                else json_build_object('id', c.assigned_to, 'displayName', coalesce(au.display_name, '')) end as "assignedTo",
           coalesce((select array_agg(m.code order by m.code) from case_means_of_control m
                      where m.hotline_id = c.hotline_id and m.case_id = c.id), '{}') as "meansOfControl",
           coalesce((select json_agg(json_build_object(
                       'id', p.id, 'role', cp.role, 'isMinor', cp.is_minor, 'fullName', p.full_name, 'aliases', p.aliases,
                       'birthDate', p.birth_date, 'ageYears', p.age_years, 'gender', p.gender, 'nationality', p.nationality,
                       'languages', p.languages, 'phones', p.phones, 'emails', p.emails,
                       'identifyingDetails', p.identifying_details, 'version', p.version) order by cp.created_at)
                      from case_persons cp join persons p on p.id = cp.person_id
                     where cp.hotline_id = c.hotline_id and cp.case_id = c.id), '[]') as people,
           coalesce((select json_agg(json_build_object('id', g.id, 'role', g.role, 'count', g.count,
                       'description', g.description, 'includesMinors', g.includes_minors) order by g.created_at)
                      from case_person_groups g where g.hotline_id = c.hotline_id and g.case_id = c.id), '[]') as groups,
           coalesce((select json_agg(json_build_object('id', b.id, 'name', b.name, 'typology', b.typology,
                       'address', b.address, 'city', b.city, 'state', b.state, 'phone', b.phone) order by cb.created_at)
                      from case_businesses cb join businesses b on b.id = cb.business_id
                     where cb.hotline_id = c.hotline_id and cb.case_id = c.id), '[]') as businesses,
           coalesce((select json_agg(json_build_object('id', l.id, 'venueType', l.venue_type, 'address', l.address,
                       'city', l.city, 'county', l.county, 'state', l.state) order by l.created_at)
                      from locations l where l.hotline_id = c.hotline_id and l.case_id = c.id), '[]') as locations,
           coalesce((select json_agg(json_build_object('id', t.id, 'title', t.title, 'dueAt', t.due_at,
                       'assignee', case when t.assignee_id is null then null
                                        else json_build_object('id', t.assignee_id, 'displayName', coalesce(tu.display_name, '')) end,
                       'completedAt', t.completed_at, 'version', t.version)
                       order by t.completed_at desc nulls first, t.due_at)
                      from tasks t left join users tu on tu.id = t.assignee_id
                     where t.hotline_id = c.hotline_id and t.case_id = c.id), '[]') as tasks,
           coalesce((select json_agg(json_build_object('id', s.id, 'referenceCode', s.reference_code,
                       'channel', s.channel, 'receivedAt', s.received_at, 'category', s.category) order by s.received_at desc)
                      from case_signals cs join signals s on s.id = cs.signal_id
                     where cs.hotline_id = c.hotline_id and cs.case_id = c.id), '[]') as signals,
           coalesce((select json_agg(t order by t.at desc, t.key desc)
                       from (${timelineRows(hotlineId, caseId, undefined, TIMELINE_PAGE)}) t), '[]') as timeline
      from cases c left join users au on au.id = c.assigned_to
     where c.hotline_id = ${hotlineId} and c.id = ${caseId}
  `.execute(q);
  const c = rows[0];
  if (!c) throw notFound('case');
  return {
    ...c,
    tasks: c.tasks.map((t) => ({ ...t, dueAt: toDate(t.dueAt), completedAt: toDate(t.completedAt) })),
    signals: c.signals.map((s) => ({ ...s, receivedAt: new Date(s.receivedAt) })),
    timeline: timelinePage(c.timeline, TIMELINE_PAGE),
  };
}

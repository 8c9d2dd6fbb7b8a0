/**
 * The yardstick: one hand-written SQL query computing the Spotlight's counts for a set of states
 * (one state or all of them), written plainly with a subquery per figure, no Kysely, no assembly.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema';

export async function baseline(
  db: Kysely<DB>,
  p: { hotlineId: string; states: string[]; from: Date; to: Date; before: Date },
): Promise<unknown[]> {
  const r = await sql`
    with c as (
      select distinct l.state, c.id, c.trafficking_type from cases c join locations l on l.case_id = c.id
      where c.hotline_id = ${p.hotlineId} and l.hotline_id = ${p.hotlineId} and l.state = any(${p.states}::text[])
        and c.identified_at >= ${p.from} and c.identified_at < ${p.to}
        and c.created_at < ${p.before} and l.created_at < ${p.before}),
    s as (
      select s.state, s.id, s.channel, s.signaler_id from signals s
      where s.hotline_id = ${p.hotlineId} and s.state = any(${p.states}::text[]) and s.received_at >= ${p.from}
        and s.received_at < ${p.to} and s.created_at < ${p.before} and s.category is distinct from 'non_substantive'
      union
      select l.state, s.id, s.channel, s.signaler_id from signals s
      join case_signals x on x.signal_id = s.id and x.linked_at < ${p.before}
      join locations l on l.case_id = x.case_id and l.state = any(${p.states}::text[]) and l.created_at < ${p.before}
      where s.hotline_id = ${p.hotlineId} and s.state is null and s.received_at >= ${p.from}
        and s.received_at < ${p.to} and s.created_at < ${p.before} and s.category is distinct from 'non_substantive'),
    v as (
      select c.state, coalesce(pe.cluster_id, pe.id) as who, max(pe.gender) as gender, bool_or(cp.is_minor) as minor
      from c join case_persons cp on cp.case_id = c.id and cp.role = 'victim' and cp.created_at < ${p.before}
      join persons pe on pe.id = cp.person_id group by 1, 2)
    select st.state,
      (select json_object_agg(t, n) from (select trafficking_type t, count(*) n from c where c.state = st.state group by 1) x) as cases,
      (select count(*) from v where v.state = st.state)
        + (select coalesce(sum(g.count), 0) from c join case_person_groups g on g.case_id = c.id and g.role = 'victim'
           and g.created_at < ${p.before} where c.state = st.state) as victims,
      (select count(distinct coalesce(pe.cluster_id, pe.id)) from c join case_persons cp on cp.case_id = c.id
         and cp.role = 'trafficker' and cp.created_at < ${p.before} join persons pe on pe.id = cp.person_id
       where c.state = st.state) as traffickers,
      (select count(distinct coalesce(b.cluster_id, b.id)) from c join case_businesses cb on cb.case_id = c.id
         and cb.created_at < ${p.before} join businesses b on b.id = cb.business_id where c.state = st.state) as businesses,
      (select json_object_agg(k, n) from (select l.venue_type k, count(distinct c.id) n from c join locations l
         on l.case_id = c.id and l.state = c.state and l.created_at < ${p.before} where c.state = st.state group by 1) x) as venues,
      (select json_object_agg(coalesce(k, '-'), n) from (select gender k, count(*) n from v where v.state = st.state group by 1) x) as gender,
      (select json_object_agg(coalesce(k::text, '-'), n) from (select minor k, count(*) n from v where v.state = st.state group by 1) x) as age,
      (select json_object_agg(k, n) from (select channel k, count(*) n from s where s.state = st.state group by 1) x) as channels,
      (select json_object_agg(k, n) from (select sg.role k, count(distinct coalesce(sg.cluster_id, sg.id)) n
         from s join signalers sg on sg.id = s.signaler_id where s.state = st.state group by 1) x) as callers
    from unnest(${p.states}::text[]) as st(state)`.execute(db);
  return r.rows;
}

/**
 * The counting rules of the State Spotlight in one SQL statement per request (docs/spotlight.md):
 * - a case is in a period by identified_at, a signal by received_at;
 * - "as of" D keeps only rows recorded before the end of D (created_at, and linked_at for links);
 * - a case counts in every state where one of its locations lies, and once nationally;
 * - a signal counts in the state it names, else in the states of the cases it belongs to;
 * - non-substantive signals are left out;
 * - victims, traffickers, businesses and signalers are distinct clusters: coalesce(cluster_id, id).
 * Every table is filtered by the caller's hotline. For states, where each case and signal counts
 * is read from the fact tables of migration 0008, and each counted case's victims, traffickers
 * and venues and each counted signal's caller from those of 0012 (all kept by triggers on every
 * write), which hold the same rules and the instant from which each row counts.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';

export interface MetricsQuery {
  hotlineId: string;
  /** null: the whole country, each case and signal once; otherwise these states, each on its own. */
  states: readonly string[] | null;
  /** Inclusive start of the period. */
  from: Date;
  /** Exclusive end of the period. */
  to: Date;
  /** Rows recorded at or after this instant are left out ("as of" the day before). */
  recordedBefore: Date;
}

export type Metric =
  | 'case_type'
  | 'victims'
  | 'traffickers'
  | 'businesses'
  | 'venue'
  | 'victim_gender'
  | 'victim_age'
  | 'channel'
  | 'signaler_role';

export interface MetricRow {
  state: string;
  metric: Metric;
  key: string;
  value: number;
}

/** The code national figures are keyed by in metric rows. */
export const NATIONAL = 'US';

function scopedCases(q: MetricsQuery): RawBuilder<unknown> {
  if (q.states === null) {
    return sql`select c.id as case_id, ${NATIONAL}::text as state, c.trafficking_type
      from cases c where c.hotline_id = ${q.hotlineId} and c.identified_at >= ${q.from}
        and c.identified_at < ${q.to} and c.created_at < ${q.recordedBefore}`;
  }
  // Each case's states are kept on write (migration 0008): one index range scan per state.
  return sql`select f.case_id, f.state, f.trafficking_type from stat_case_states f
    where f.hotline_id = ${q.hotlineId} and f.state = any(${q.states}::text[])
      and f.identified_at >= ${q.from} and f.identified_at < ${q.to}
      and f.counted_from < ${q.recordedBefore}`;
}

function scopedSignals(q: MetricsQuery): RawBuilder<unknown> {
  if (q.states === null) {
    return sql`select s.id, s.channel, s.signaler_id, ${NATIONAL}::text as state from signals s
      where s.hotline_id = ${q.hotlineId} and s.received_at >= ${q.from}
        and s.received_at < ${q.to} and s.created_at < ${q.recordedBefore}
        and s.category is distinct from 'non_substantive'`;
  }
  // Where each substantive signal counts (the state it names, else its cases' states) is kept on
  // write (migration 0008), with the instant from which it counts there.
  return sql`select f.signal_id as id, f.channel, f.signaler_role, f.signaler_who, f.state
    from stat_signal_states f
    where f.hotline_id = ${q.hotlineId} and f.state = any(${q.states}::text[])
      and f.received_at >= ${q.from} and f.received_at < ${q.to}
      and f.counted_from < ${q.recordedBefore}`;
}

export async function readMetrics(db: Queryable, q: MetricsQuery): Promise<MetricRow[]> {
  return (await metricsSql(q).execute(db)).rows;
}

/** Rows of the state facts of migration 0012 (stat_case_persons, stat_case_venues) in scope. */
function inStates(q: MetricsQuery & { states: readonly string[] }): RawBuilder<unknown> {
  return sql`f.hotline_id = ${q.hotlineId} and f.state = any(${q.states}::text[])
    and f.identified_at >= ${q.from} and f.identified_at < ${q.to}
    and f.counted_from < ${q.recordedBefore}`;
}

/** Per state and victim cluster: gender and whether a minor. */
function victims(q: MetricsQuery): RawBuilder<unknown> {
  if (q.states !== null) {
    // Each counted case's victims, with cluster and demographics, are kept on write (0012).
    return sql`select f.state, f.who, max(f.gender) as gender, bool_or(f.minor) as minor
      from stat_case_persons f where ${inStates({ ...q, states: q.states })} and f.role = 'victim'
      group by 1, 2`;
  }
  return sql`select sc.state, coalesce(p.cluster_id, p.id) as who,
      max(case when p.gender in ('female', 'male', 'gender_minority') then p.gender end) as gender,
      bool_or(coalesce(cp.is_minor, p.age_years < 18)) as minor
    from sc
    join case_persons cp on cp.case_id = sc.case_id and cp.role = 'victim'
      and cp.created_at < ${q.recordedBefore}
    join persons p on p.id = cp.person_id and p.hotline_id = ${q.hotlineId}
    group by 1, 2`;
}

function traffickers(q: MetricsQuery): RawBuilder<unknown> {
  if (q.states !== null) {
    return sql`select f.state, 'traffickers', 'named', count(distinct f.who)::int
      from stat_case_persons f where ${inStates({ ...q, states: q.states })} and f.role = 'trafficker'
      group by 1`;
  }
  return sql`select sc.state, 'traffickers', 'named', count(distinct coalesce(p.cluster_id, p.id))::int
    from sc
    join case_persons cp on cp.case_id = sc.case_id and cp.role = 'trafficker'
      and cp.created_at < ${q.recordedBefore}
    join persons p on p.id = cp.person_id and p.hotline_id = ${q.hotlineId}
    group by 1`;
}

function venues(q: MetricsQuery): RawBuilder<unknown> {
  if (q.states !== null) {
    // One row per counted case, state and venue type there (0012).
    return sql`select f.state, 'venue', f.venue_type, count(*)::int
      from stat_case_venues f where ${inStates({ ...q, states: q.states })} group by 1, 3`;
  }
  return sql`select sc.state, 'venue', l.venue_type, count(distinct sc.case_id)::int
    from sc join locations l on l.case_id = sc.case_id and l.created_at < ${q.recordedBefore}
    group by 1, 3`;
}

function callers(q: MetricsQuery): RawBuilder<unknown> {
  if (q.states !== null) {
    // Each counted signal's caller type and caller cluster are kept on write (0012).
    // Distinct first, then counted: a hash aggregate instead of sorting every signal.
    return sql`select state, 'signaler_role', signaler_role, count(*)::int
      from (select distinct state, signaler_role, signaler_who from ss where signaler_role is not null) d
      group by 1, 3`;
  }
  return sql`select ss.state, 'signaler_role', sg.role, count(distinct coalesce(sg.cluster_id, sg.id))::int
    from ss join signalers sg on sg.id = ss.signaler_id and sg.hotline_id = ${q.hotlineId}
    group by 1, 3`;
}

/** The statement itself, apart so that its plan can be examined (bench/). */
export function metricsSql(q: MetricsQuery): RawBuilder<MetricRow> {
  const at = q.recordedBefore;
  return sql<MetricRow>`
    with sc as (${scopedCases(q)}),
    ss as ${q.states === null ? sql`` : sql`not materialized`} (${scopedSignals(q)}),
    vp as (${victims(q)}),
    grp as (
      select sc.state, g.role, sum(g.count)::int as n
      from sc join case_person_groups g on g.case_id = sc.case_id and g.created_at < ${at}
      group by 1, 2
    )
    select state, 'case_type' as metric, trafficking_type as key, count(*)::int as value from sc group by 1, 3
    union all
    select state, 'victims', 'named', count(*)::int from vp group by 1
    union all
    select state, 'victims', 'groups', n from grp where role = 'victim'
    union all
    select state, 'traffickers', 'groups', n from grp where role = 'trafficker'
    union all
    select state, 'victim_gender', coalesce(gender, 'not_reported'), count(*)::int from vp group by 1, 3
    union all
    select state, 'victim_age',
      case when minor then 'minor' when not minor then 'adult' else 'not_reported' end,
      count(*)::int from vp group by 1, 3
    union all
    ${traffickers(q)}
    union all
    select sc.state, 'businesses', '', count(distinct coalesce(b.cluster_id, b.id))::int
    from sc
    join case_businesses cb on cb.case_id = sc.case_id and cb.created_at < ${at}
    join businesses b on b.id = cb.business_id and b.hotline_id = ${q.hotlineId}
    group by 1
    union all
    ${venues(q)}
    union all
    select state, 'channel', channel, count(*)::int from ss group by 1, 3
    union all
    ${callers(q)}
  `;
}

-- Statistics facts, part two: what a report for many states would otherwise join whole tables for.
--
-- stat_signal_states gains the caller type and caller cluster of each counted signal
--   (signaler_role, signaler_who = coalesce(cluster_id, id) of its signaler; null without one).
-- stat_case_persons: one row per counted case and state (a row of stat_case_states) and each
--   victim or trafficker mentioned in the case, with the person's cluster, gender as reported
--   ('female', 'male', 'gender_minority', else null) and whether the mention makes them a minor.
--   counted_from is the later of the case-state row's and the mention's (case_persons.created_at).
-- stat_case_venues: one row per counted case, state and venue type of its locations there.
-- As in 0008, each view computes the rows from the base tables and triggers keep them: the case
-- refresh of 0008 now refreshes a case's people and venues too; mentions, people and signalers
-- refresh their rows when they change (record linkage moves clusters of many people at once, so
-- these are set-based per statement and touch only people whose counted values changed).

-- Callers.
drop index stat_signal_states_period_idx;
alter table stat_signal_states add column signaler_role text, add column signaler_who uuid;

create or replace view stat_signal_states_v as
  select s.id as signal_id, s.state, s.hotline_id, s.received_at, s.channel, s.signaler_id,
    s.created_at as counted_from, sg.role as signaler_role, coalesce(sg.cluster_id, sg.id) as signaler_who
  from signals s
  left join signalers sg on sg.id = s.signaler_id and sg.hotline_id = s.hotline_id
  where s.state is not null and s.category is distinct from 'non_substantive'
  union all
  select s.id, l.state, s.hotline_id, s.received_at, s.channel, s.signaler_id,
    min(greatest(s.created_at, x.linked_at, c.created_at, l.created_at)),
    sg.role, coalesce(sg.cluster_id, sg.id)
  from signals s
  left join signalers sg on sg.id = s.signaler_id and sg.hotline_id = s.hotline_id
  join case_signals x on x.signal_id = s.id
  join cases c on c.id = x.case_id and c.hotline_id = s.hotline_id
  join locations l on l.case_id = x.case_id and l.state is not null
  where s.state is null and s.category is distinct from 'non_substantive'
  group by s.id, l.state, sg.id;

create or replace function stat_refresh_signals(ids uuid[]) returns void language sql as $$
  delete from stat_signal_states where signal_id in (select unnest(ids));
  insert into stat_signal_states (signal_id, state, hotline_id, received_at, channel, signaler_id,
      counted_from, signaler_role, signaler_who)
    select signal_id, state, hotline_id, received_at, channel, signaler_id, counted_from,
      signaler_role, signaler_who
    from stat_signal_states_v where signal_id in (select unnest(ids));
$$;

truncate stat_signal_states;
insert into stat_signal_states (signal_id, state, hotline_id, received_at, channel, signaler_id,
    counted_from, signaler_role, signaler_who)
  select signal_id, state, hotline_id, received_at, channel, signaler_id, counted_from,
    signaler_role, signaler_who
  from stat_signal_states_v;
create index stat_signal_states_period_idx on stat_signal_states (hotline_id, state, received_at)
  include (signal_id, channel, signaler_role, signaler_who, counted_from);
create index stat_signal_states_signaler_idx on stat_signal_states (signaler_id);

-- A new signal that names a state: one row, written only for the rows that count (the statement
-- trigger of 0008 built a transition table for every insert, counted or not).
drop trigger stat_signals_inserted on signals;
drop function stat_signals_inserted();
create function stat_signal_inserted() returns trigger language plpgsql as $$
begin
  insert into stat_signal_states (signal_id, state, hotline_id, received_at, channel, signaler_id,
      counted_from, signaler_role, signaler_who)
    values (new.id, new.state, new.hotline_id, new.received_at, new.channel, new.signaler_id,
      new.created_at,
      (select sg.role from signalers sg where sg.id = new.signaler_id and sg.hotline_id = new.hotline_id),
      (select coalesce(sg.cluster_id, sg.id) from signalers sg
        where sg.id = new.signaler_id and sg.hotline_id = new.hotline_id));
  return null;
end $$;
create trigger stat_signals_inserted after insert on signals for each row
  when (new.state is not null and new.category is distinct from 'non_substantive')
  execute function stat_signal_inserted();

create function stat_signalers_changed() returns trigger language plpgsql as $$
begin
  update stat_signal_states f
    set signaler_role = case when n.hotline_id = f.hotline_id then n.role end,
      signaler_who = case when n.hotline_id = f.hotline_id then coalesce(n.cluster_id, n.id) end
    from new_rows n join old_rows o on o.id = n.id
    where f.signaler_id = n.id
      and (o.role, o.cluster_id, o.hotline_id) is distinct from (n.role, n.cluster_id, n.hotline_id);
  return null;
end $$;
create trigger stat_signalers_changed after update on signalers
  referencing old table as old_rows new table as new_rows for each statement
  execute function stat_signalers_changed();

-- Victims and traffickers.
create table stat_case_persons (
  case_id uuid not null references cases(id) on delete cascade,
  state text not null,
  person_id uuid not null,
  role text not null,
  hotline_id uuid not null,
  identified_at timestamptz not null,
  counted_from timestamptz not null,
  who uuid not null,
  gender text,
  minor boolean,
  primary key (case_id, state, person_id, role)
);

create view stat_case_persons_v as
  select f.case_id, f.state, cp.person_id, cp.role, f.hotline_id, f.identified_at,
    greatest(f.counted_from, cp.created_at) as counted_from,
    coalesce(p.cluster_id, p.id) as who,
    case when p.gender in ('female', 'male', 'gender_minority') then p.gender end as gender,
    coalesce(cp.is_minor, p.age_years < 18) as minor
  from stat_case_states f
  join case_persons cp on cp.case_id = f.case_id and cp.role in ('victim', 'trafficker')
  join persons p on p.id = cp.person_id and p.hotline_id = f.hotline_id;

-- Venues.
create table stat_case_venues (
  case_id uuid not null references cases(id) on delete cascade,
  state text not null,
  venue_type text not null,
  hotline_id uuid not null,
  identified_at timestamptz not null,
  counted_from timestamptz not null,
  primary key (case_id, state, venue_type)
);

create view stat_case_venues_v as
  select c.id as case_id, l.state, l.venue_type, c.hotline_id, c.identified_at,
    greatest(c.created_at, min(l.created_at)) as counted_from
  from cases c join locations l on l.case_id = c.id and l.hotline_id = c.hotline_id
  where l.state is not null
  group by c.id, l.state, l.venue_type;

create function stat_refresh_case_people(ids uuid[]) returns void language sql as $$
  delete from stat_case_persons where case_id in (select unnest(ids));
  insert into stat_case_persons (case_id, state, person_id, role, hotline_id, identified_at,
      counted_from, who, gender, minor)
    select case_id, state, person_id, role, hotline_id, identified_at, counted_from, who, gender, minor
    from stat_case_persons_v where case_id in (select unnest(ids));
$$;

create function stat_refresh_persons(ids uuid[]) returns void language sql as $$
  delete from stat_case_persons where person_id in (select unnest(ids));
  insert into stat_case_persons (case_id, state, person_id, role, hotline_id, identified_at,
      counted_from, who, gender, minor)
    select case_id, state, person_id, role, hotline_id, identified_at, counted_from, who, gender, minor
    from stat_case_persons_v where person_id in (select unnest(ids));
$$;

-- Every caller of 0008's case refresh (cases, locations) now refreshes people and venues too.
create or replace function stat_refresh_cases(ids uuid[]) returns void language sql as $$
  delete from stat_case_states where case_id in (select unnest(ids));
  insert into stat_case_states (case_id, state, hotline_id, identified_at, trafficking_type, counted_from)
    select case_id, state, hotline_id, identified_at, trafficking_type, counted_from
    from stat_case_states_v where case_id in (select unnest(ids));
  delete from stat_case_venues where case_id in (select unnest(ids));
  insert into stat_case_venues (case_id, state, venue_type, hotline_id, identified_at, counted_from)
    select case_id, state, venue_type, hotline_id, identified_at, counted_from
    from stat_case_venues_v where case_id in (select unnest(ids));
  select stat_refresh_case_people(ids);
$$;

create function stat_case_persons_new() returns trigger language plpgsql as $$
begin
  perform stat_refresh_case_people(array(select distinct case_id from new_rows));
  return null;
end $$;
create function stat_case_persons_old() returns trigger language plpgsql as $$
begin
  perform stat_refresh_case_people(array(select distinct case_id from old_rows));
  return null;
end $$;
create function stat_case_persons_moved() returns trigger language plpgsql as $$
begin
  perform stat_refresh_case_people(array(select case_id from old_rows union select case_id from new_rows));
  return null;
end $$;
create trigger stat_case_persons_inserted after insert on case_persons
  referencing new table as new_rows for each statement execute function stat_case_persons_new();
create trigger stat_case_persons_updated after update on case_persons
  referencing old table as old_rows new table as new_rows for each statement execute function stat_case_persons_moved();
create trigger stat_case_persons_deleted after delete on case_persons
  referencing old table as old_rows for each statement execute function stat_case_persons_old();

-- A person's cluster, gender, age or hotline changed: only those people's rows are rewritten.
create function stat_persons_changed() returns trigger language plpgsql as $$
begin
  perform stat_refresh_persons(array(
    select n.id from new_rows n join old_rows o on o.id = n.id
    where (o.cluster_id, o.gender, o.age_years, o.hotline_id)
      is distinct from (n.cluster_id, n.gender, n.age_years, n.hotline_id)));
  return null;
end $$;
create trigger stat_persons_changed after update on persons
  referencing old table as old_rows new table as new_rows for each statement
  execute function stat_persons_changed();

-- Rows already stored.
insert into stat_case_venues (case_id, state, venue_type, hotline_id, identified_at, counted_from)
  select case_id, state, venue_type, hotline_id, identified_at, counted_from from stat_case_venues_v;
insert into stat_case_persons (case_id, state, person_id, role, hotline_id, identified_at,
    counted_from, who, gender, minor)
  select case_id, state, person_id, role, hotline_id, identified_at, counted_from, who, gender, minor
  from stat_case_persons_v;
create index stat_case_venues_period_idx on stat_case_venues (hotline_id, state, identified_at)
  include (case_id, venue_type, counted_from);
create index stat_case_persons_period_idx on stat_case_persons (hotline_id, state, identified_at)
  include (role, who, gender, minor, counted_from);
create index stat_case_persons_person_idx on stat_case_persons (person_id);

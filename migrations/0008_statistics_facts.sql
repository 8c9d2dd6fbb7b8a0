-- Statistics facts: where each case and each substantive signal counts, kept on write, so that a
-- State Spotlight reads a state's cases and signals of a period as index range scans.
--
-- stat_case_states: one row per case and state where one of its locations lies.
-- stat_signal_states: one row per substantive signal and state where it counts: the state it
--   names, else the states of its cases' locations.
-- counted_from is the first instant from which the row counts under the "as of" rule (every row
-- it depends on recorded before then): a report as of D keeps rows with counted_from before the
-- end of D. With several routes to one state (two cases, two locations) it is the earliest.
-- The views compute the same rows from the base tables; triggers refresh the rows of the cases
-- and signals a write touches, set-based per statement.

create table stat_case_states (
  case_id uuid not null references cases(id) on delete cascade,
  state text not null,
  hotline_id uuid not null,
  identified_at timestamptz not null,
  trafficking_type text not null,
  counted_from timestamptz not null,
  primary key (case_id, state)
);
create index stat_case_states_period_idx on stat_case_states (hotline_id, state, identified_at)
  include (case_id, trafficking_type, counted_from);

create table stat_signal_states (
  signal_id uuid not null references signals(id) on delete cascade,
  state text not null,
  hotline_id uuid not null,
  received_at timestamptz not null,
  channel text not null,
  signaler_id uuid,
  counted_from timestamptz not null,
  primary key (signal_id, state)
);
create index stat_signal_states_period_idx on stat_signal_states (hotline_id, state, received_at)
  include (signal_id, channel, signaler_id, counted_from);

create view stat_case_states_v as
  select c.id as case_id, l.state, c.hotline_id, c.identified_at, c.trafficking_type,
    greatest(c.created_at, min(l.created_at)) as counted_from
  from cases c join locations l on l.case_id = c.id and l.hotline_id = c.hotline_id
  where l.state is not null
  group by c.id, l.state;

create view stat_signal_states_v as
  select s.id as signal_id, s.state, s.hotline_id, s.received_at, s.channel, s.signaler_id,
    s.created_at as counted_from
  from signals s
  where s.state is not null and s.category is distinct from 'non_substantive'
  union all
  select s.id, l.state, s.hotline_id, s.received_at, s.channel, s.signaler_id,
    min(greatest(s.created_at, x.linked_at, c.created_at, l.created_at))
  from signals s
  join case_signals x on x.signal_id = s.id
  join cases c on c.id = x.case_id and c.hotline_id = s.hotline_id
  join locations l on l.case_id = x.case_id and l.state is not null
  where s.state is null and s.category is distinct from 'non_substantive'
  group by s.id, l.state;

create function stat_refresh_cases(ids uuid[]) returns void language sql as $$
  delete from stat_case_states where case_id in (select unnest(ids));
  insert into stat_case_states (case_id, state, hotline_id, identified_at, trafficking_type, counted_from)
    select case_id, state, hotline_id, identified_at, trafficking_type, counted_from
    from stat_case_states_v where case_id in (select unnest(ids));
$$;

create function stat_refresh_signals(ids uuid[]) returns void language sql as $$
  delete from stat_signal_states where signal_id in (select unnest(ids));
  insert into stat_signal_states (signal_id, state, hotline_id, received_at, channel, signaler_id, counted_from)
    select signal_id, state, hotline_id, received_at, channel, signaler_id, counted_from
    from stat_signal_states_v where signal_id in (select unnest(ids));
$$;

-- The signals that take their state from these cases.
create function stat_refresh_signals_of_cases(ids uuid[]) returns void language sql as $$
  select stat_refresh_signals(array(
    select distinct x.signal_id from case_signals x join signals s on s.id = x.signal_id
    where x.case_id in (select unnest(ids)) and s.state is null));
$$;

-- A new signal: only one that names a state counts anywhere before it is linked to a case.
create function stat_signals_inserted() returns trigger language plpgsql as $$
begin
  insert into stat_signal_states (signal_id, state, hotline_id, received_at, channel, signaler_id, counted_from)
    select id, state, hotline_id, received_at, channel, signaler_id, created_at from new_rows
    where state is not null and category is distinct from 'non_substantive';
  return null;
end $$;
create trigger stat_signals_inserted after insert on signals
  referencing new table as new_rows for each statement execute function stat_signals_inserted();

create function stat_signal_changed() returns trigger language plpgsql as $$
begin
  perform stat_refresh_signals(array[new.id]);
  return null;
end $$;
create trigger stat_signal_changed after update of state, received_at, channel, signaler_id, category, created_at
  on signals for each row
  when (old.state is distinct from new.state or old.received_at is distinct from new.received_at
    or old.channel is distinct from new.channel or old.signaler_id is distinct from new.signaler_id
    or old.category is distinct from new.category or old.created_at is distinct from new.created_at)
  execute function stat_signal_changed();

create function stat_case_signals_new() returns trigger language plpgsql as $$
begin
  perform stat_refresh_signals(array(select distinct signal_id from new_rows));
  return null;
end $$;
create function stat_case_signals_old() returns trigger language plpgsql as $$
begin
  perform stat_refresh_signals(array(select distinct signal_id from old_rows));
  return null;
end $$;
create function stat_case_signals_moved() returns trigger language plpgsql as $$
begin
  perform stat_refresh_signals(array(select signal_id from old_rows union select signal_id from new_rows));
  return null;
end $$;
create trigger stat_case_signals_inserted after insert on case_signals
  referencing new table as new_rows for each statement execute function stat_case_signals_new();
create trigger stat_case_signals_updated after update on case_signals
  referencing old table as old_rows new table as new_rows for each statement execute function stat_case_signals_moved();
create trigger stat_case_signals_deleted after delete on case_signals
  referencing old table as old_rows for each statement execute function stat_case_signals_old();

create function stat_locations_new() returns trigger language plpgsql as $$
declare ids uuid[] := array(select distinct case_id from new_rows);
begin
  perform stat_refresh_cases(ids);
  perform stat_refresh_signals_of_cases(ids);
  return null;
end $$;
create function stat_locations_old() returns trigger language plpgsql as $$
declare ids uuid[] := array(select distinct case_id from old_rows);
begin
  perform stat_refresh_cases(ids);
  perform stat_refresh_signals_of_cases(ids);
  return null;
end $$;
create function stat_locations_moved() returns trigger language plpgsql as $$
declare ids uuid[] := array(select case_id from old_rows union select case_id from new_rows);
begin
  perform stat_refresh_cases(ids);
  perform stat_refresh_signals_of_cases(ids);
  return null;
end $$;
create trigger stat_locations_inserted after insert on locations
  referencing new table as new_rows for each statement execute function stat_locations_new();
create trigger stat_locations_updated after update on locations
  referencing old table as old_rows new table as new_rows for each statement execute function stat_locations_moved();
create trigger stat_locations_deleted after delete on locations
  referencing old table as old_rows for each statement execute function stat_locations_old();

create function stat_case_changed() returns trigger language plpgsql as $$
begin
  perform stat_refresh_cases(array[new.id]);
  if old.created_at is distinct from new.created_at or old.hotline_id is distinct from new.hotline_id then
    perform stat_refresh_signals_of_cases(array[new.id]);
  end if;
  return null;
end $$;
create trigger stat_case_changed after update of identified_at, trafficking_type, created_at, hotline_id
  on cases for each row
  when (old.identified_at is distinct from new.identified_at
    or old.trafficking_type is distinct from new.trafficking_type
    or old.created_at is distinct from new.created_at or old.hotline_id is distinct from new.hotline_id)
  execute function stat_case_changed();

-- Rows already stored.
insert into stat_case_states (case_id, state, hotline_id, identified_at, trafficking_type, counted_from)
  select case_id, state, hotline_id, identified_at, trafficking_type, counted_from from stat_case_states_v;
insert into stat_signal_states (signal_id, state, hotline_id, received_at, channel, signaler_id, counted_from)
  select signal_id, state, hotline_id, received_at, channel, signaler_id, counted_from from stat_signal_states_v;

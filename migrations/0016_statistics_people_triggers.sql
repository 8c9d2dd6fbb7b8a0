-- Record linkage rewrites cluster_id one cluster per statement, mostly to the value a record
-- already has. 0012's statement-level triggers on persons and signalers built transition tables
-- and re-planned a refresh for every such statement (on PostgreSQL 0.6 ms per statement that
-- changed nothing, 4 ms per two-person cluster that changed, against 0.05 and 0.2 ms without).
-- Row-level triggers instead: their WHEN skips unchanged rows before any call, and a changed row
-- updates its kept rows in place with plans kept for the session.

drop trigger stat_persons_changed on persons;
drop function stat_persons_changed();
create function stat_person_changed() returns trigger language plpgsql as $$
begin
  if old.hotline_id is distinct from new.hotline_id then
    perform stat_refresh_persons(array[new.id]);
    return null;
  end if;
  update stat_case_persons f
    set who = coalesce(new.cluster_id, new.id),
      gender = case when new.gender in ('female', 'male', 'gender_minority') then new.gender end,
      minor = coalesce(cp.is_minor, new.age_years < 18)
    from case_persons cp
    where f.person_id = new.id
      and cp.case_id = f.case_id and cp.person_id = new.id and cp.role = f.role;
  return null;
end $$;
create trigger stat_persons_changed after update on persons for each row
  when (old.cluster_id is distinct from new.cluster_id or old.gender is distinct from new.gender
    or old.age_years is distinct from new.age_years or old.hotline_id is distinct from new.hotline_id)
  execute function stat_person_changed();

drop trigger stat_signalers_changed on signalers;
drop function stat_signalers_changed();
create function stat_signaler_changed() returns trigger language plpgsql as $$
begin
  update stat_signal_states f
    set signaler_role = case when new.hotline_id = f.hotline_id then new.role end,
      signaler_who = case when new.hotline_id = f.hotline_id then coalesce(new.cluster_id, new.id) end
    where f.signaler_id = new.id;
  return null;
end $$;
create trigger stat_signalers_changed after update on signalers for each row
  when (old.role is distinct from new.role or old.cluster_id is distinct from new.cluster_id
    or old.hotline_id is distinct from new.hotline_id)
  execute function stat_signaler_changed();

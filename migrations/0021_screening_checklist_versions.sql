-- A hotline adapts the screening checklist by publishing versions of its own. Each is immutable:
-- answers keep the version they were given under, so what an advocate saw is never rewritten.

alter table screening_checklists
  -- The hotline's own versions count 1, 2, ...; the highest is the hotline's current checklist.
  -- Shipped versions (hotline_id null) have none.
  add column seq integer,
  -- The version this one was derived from, what changed and why, and who published it.
  add column based_on text,
  add column note text,
  add column published_by uuid references users(id);

update screening_checklists c
   set seq = n.seq
  from (select hotline_id, version,
               row_number() over (partition by hotline_id order by created_at, version) as seq
          from screening_checklists
         where hotline_id is not null) n
 where c.hotline_id = n.hotline_id and c.version = n.version;

alter table screening_checklists
  add constraint screening_checklists_seq check ((hotline_id is null) = (seq is null));
create unique index screening_checklists_hotline_seq on screening_checklists (hotline_id, seq)
  where hotline_id is not null;

create function screening_checklists_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'a published screening checklist cannot be changed or deleted'
    using errcode = 'insufficient_privilege';
end $$;
create trigger screening_checklists_no_change before update or delete on screening_checklists
  for each row execute function screening_checklists_immutable();

-- Search: a person's or business's filter keys (0028) are written by one transaction at a time, each
-- reading the links the others committed. Two transactions adding one person to two cases at once
-- each read the person's cases before the other committed, and the one writing last dropped the
-- other case's keys (a filtered search then missed the person). The rows are now locked first, and
-- their cases read after the lock, by a statement of its own (a snapshot taken after the wait).

create or replace function search_refresh_persons(ids uuid[]) returns void language plpgsql as $$
begin
  perform 1 from persons where id = any(ids) order by id for no key update;
  update persons p set case_filters = f.keys
    from (select i.id, search_case_filters(array(select x.case_id from case_persons x where x.person_id = i.id)) as keys
            from unnest(ids) i(id)) f
   where p.id = f.id and p.case_filters is distinct from f.keys;
end $$;

create or replace function search_refresh_businesses(ids uuid[]) returns void language plpgsql as $$
begin
  perform 1 from businesses where id = any(ids) order by id for no key update;
  update businesses b set case_filters = f.keys
    from (select i.id, search_case_filters(array(select x.case_id from case_businesses x where x.business_id = i.id)) as keys
            from unnest(ids) i(id)) f
   where b.id = f.id and b.case_filters is distinct from f.keys;
end $$;

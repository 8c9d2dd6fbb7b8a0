-- Search: the filters a person's, a business's or a location's cases pass, kept on the row as keys
-- ('state:TX', 'status:open', 'type:labor'), and each word of its name or address paired with each
-- key ('george state:TX'), indexed. A search by a common word with a filter ("george" in TX) found
-- the thousands of people whose name has the word, most of whom fail the filter, and read each one
-- and its cases (about 1.5 s at a million cases). Through the pairs it reads only the people with
-- both (a key on its own would not do: 'status:open' alone is 400,000 people, and combining that
-- with the name's index cost more than the search). The search still checks the cases themselves
-- for the rows it reads (a person in two cases passes only if one of them passes every filter at
-- once). Kept by the triggers below; a row with no case has no keys.

alter table persons add column case_filters text[] not null default '{}';
alter table businesses add column case_filters text[] not null default '{}';
alter table locations add column case_filters text[] not null default '{}';

-- The keys of some cases: each one's status and trafficking type, and the state of each location.
create function search_case_filters(case_ids uuid[]) returns text[] language sql stable as $$
  select coalesce(array_agg(distinct k), '{}')
    from cases c
    cross join lateral (
      select 'status:' || c.status
      union all select 'type:' || c.trafficking_type
      union all select 'state:' || l.state from locations l where l.case_id = c.id and l.state is not null
    ) t(k)
   where c.id = any(case_ids)
$$;

create function search_refresh_persons(ids uuid[]) returns void language sql as $$
  update persons p set case_filters = f.keys
    from (select i.id, search_case_filters(array(select x.case_id from case_persons x where x.person_id = i.id)) as keys
            from unnest(ids) i(id)) f
   where p.id = f.id and p.case_filters is distinct from f.keys
$$;

create function search_refresh_businesses(ids uuid[]) returns void language sql as $$
  update businesses b set case_filters = f.keys
    from (select i.id, search_case_filters(array(select x.case_id from case_businesses x where x.business_id = i.id)) as keys
            from unnest(ids) i(id)) f
   where b.id = f.id and b.case_filters is distinct from f.keys
$$;

-- Everything whose keys come from these cases: their people, businesses and locations.
create function search_refresh_cases(ids uuid[]) returns void language plpgsql as $$
begin
  perform search_refresh_persons(array(select distinct x.person_id from case_persons x where x.case_id = any(ids)));
  perform search_refresh_businesses(array(select distinct x.business_id from case_businesses x where x.case_id = any(ids)));
  update locations l set case_filters = search_case_filters(array[l.case_id])
   where l.case_id = any(ids) and l.case_filters is distinct from search_case_filters(array[l.case_id]);
end $$;

create function search_case_filters_case() returns trigger language plpgsql as $$
begin
  perform search_refresh_cases(array[new.id]);
  return null;
end $$;
create trigger search_case_filters_changed after update of status, trafficking_type on cases for each row
  when (old.status is distinct from new.status or old.trafficking_type is distinct from new.trafficking_type)
  execute function search_case_filters_case();

-- Row triggers: the refresh writes case_filters only, which fires none of them again.
create function search_case_filters_location() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform search_refresh_cases(array[old.case_id]);
  elsif tg_op = 'INSERT' then
    perform search_refresh_cases(array[new.case_id]);
  else
    perform search_refresh_cases(array[old.case_id, new.case_id]);
  end if;
  return null;
end $$;
create trigger search_case_filters_inserted after insert or delete on locations for each row
  execute function search_case_filters_location();
create trigger search_case_filters_updated after update of state, case_id on locations for each row
  when (old.state is distinct from new.state or old.case_id is distinct from new.case_id)
  execute function search_case_filters_location();

create function search_case_filters_person() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform search_refresh_persons(array[old.person_id]);
  elsif tg_op = 'INSERT' then
    perform search_refresh_persons(array[new.person_id]);
  else
    perform search_refresh_persons(array[old.person_id, new.person_id]);
  end if;
  return null;
end $$;
create trigger search_case_filters_inserted after insert or delete on case_persons for each row
  execute function search_case_filters_person();
create trigger search_case_filters_updated after update of case_id, person_id on case_persons for each row
  when (old.case_id is distinct from new.case_id or old.person_id is distinct from new.person_id)
  execute function search_case_filters_person();

create function search_case_filters_business() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform search_refresh_businesses(array[old.business_id]);
  elsif tg_op = 'INSERT' then
    perform search_refresh_businesses(array[new.business_id]);
  else
    perform search_refresh_businesses(array[old.business_id, new.business_id]);
  end if;
  return null;
end $$;
create trigger search_case_filters_inserted after insert or delete on case_businesses for each row
  execute function search_case_filters_business();
create trigger search_case_filters_updated after update of case_id, business_id on case_businesses for each row
  when (old.case_id is distinct from new.case_id or old.business_id is distinct from new.business_id)
  execute function search_case_filters_business();

-- Every row at once (the rows already stored; a bulk load with the triggers off), by joins rather
-- than one refresh per row.
create function search_case_filters_fill() returns void language plpgsql as $$
begin
  create temporary table search_case_keys as
    select c.id as case_id, k
      from cases c
      cross join lateral (
        select 'status:' || c.status
        union all select 'type:' || c.trafficking_type
        union all select 'state:' || l.state from locations l where l.case_id = c.id and l.state is not null
      ) t(k);
  update persons p set case_filters = f.keys
    from (select x.person_id, array_agg(distinct k.k) as keys
            from case_persons x join search_case_keys k on k.case_id = x.case_id
           group by x.person_id) f
   where p.id = f.person_id and p.case_filters is distinct from f.keys;
  update businesses b set case_filters = f.keys
    from (select x.business_id, array_agg(distinct k.k) as keys
            from case_businesses x join search_case_keys k on k.case_id = x.case_id
           group by x.business_id) f
   where b.id = f.business_id and b.case_filters is distinct from f.keys;
  update locations l set case_filters = f.keys
    from (select k.case_id, array_agg(distinct k.k) as keys from search_case_keys k group by k.case_id) f
   where l.case_id = f.case_id and l.case_filters is distinct from f.keys;
  drop table search_case_keys;
end $$;

select search_case_filters_fill();

-- Each word of a text paired with each key, as the lexemes of a tsvector ('george state:TX'), so
-- that the search can ask for its words and its filters in one full-text query. Everything is in
-- one function, as person_name_keys (0018), so that the index expressions work under any
-- search_path.
create function search_filter_words(t text, keys text[]) returns tsvector
language sql immutable parallel safe as $$
  select array_to_tsvector(coalesce(array_agg(w || ' ' || k), '{}'))
    from unnest(tsvector_to_array(to_tsvector('simple'::regconfig, coalesce(t, '')))) w, unnest(keys) k
$$;

create index persons_filter_words_idx on persons using gin (search_filter_words(search_names, case_filters));
create index businesses_name_filter_words_idx on businesses using gin (search_filter_words(name, case_filters));
create index businesses_address_filter_words_idx on businesses
  using gin (search_filter_words(coalesce(address, ''), case_filters));
create index locations_address_filter_words_idx on locations
  using gin (search_filter_words(coalesce(address, ''), case_filters));

-- Search: the words of a person's full name and of each alias, sorted and without repeats, as
-- keys ("george smith" for "Smith, George"). A query naming someone exactly finds them through this
-- index however many other people share its words ("george george", when thousands of people
-- have George as a first or a family name), so exact names rank first without reading the others.
-- Everything is in one function (no call to another function of ours), so that the index
-- expression works under any search_path (pg_dump, autovacuum's analyze).

create function person_name_keys(full_name text, aliases text[]) returns text[]
language sql immutable parallel safe as $$
  select coalesce(array_agg(distinct k), '{}')
    from (select array_to_string(tsvector_to_array(to_tsvector('simple'::regconfig, coalesce(n, ''))), ' ') as k
            from unnest(array_prepend(full_name, coalesce(aliases, '{}'::text[]))) n) x
   where k <> ''
$$;

create index persons_name_keys_idx on persons using gin (person_name_keys(full_name, aliases));

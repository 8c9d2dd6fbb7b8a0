-- linkage_candidates (0017) again, its close-spelling search changed in how the names are read, not
-- in which are found. The names must hold a word of each list, now a plain condition, so that the
-- exact word index applies both lists (ANDed inside the index) before any name is read from the
-- table; wrapped in `is true` as before, only the shorter list went to the index, and a list holding
-- a common word read thousands of names to keep none. The read is a materialized CTE, so that it is
-- planned for all its rows and the limit is applied to what it gives: planned under the limit, the
-- planner, which overestimates how many names hold a word of two long lists, could choose to read
-- the whole table in the hope of stopping early (1.1 s for "william vojunis" at 1,000,000 names,
-- against 5 ms through the index). A null name is left out either way.
create or replace function linkage_candidates(
  p_hotline uuid, p_type text, p_id uuid, p_hashes integer[], p_name text,
  p_limit integer, p_per_key integer, p_close_below integer)
returns setof uuid
language plpgsql
as $$
declare
  by_keys uuid[];
  words text[];
  first_close text[];
  last_close text[];
  fewer text[];
  other text[];
begin
  delete from linkage_keys
   where entity_type = p_type and record_id = p_id and not (key_hash = any(p_hashes));
  insert into linkage_keys (hotline_id, entity_type, record_id, key_hash)
  select p_hotline, p_type, p_id, k from unnest(p_hashes) as k
  on conflict do nothing;
  if p_name = '' then
    delete from linkage_names where entity_type = p_type and record_id = p_id;
  else
    insert into linkage_names (hotline_id, entity_type, record_id, name_norm)
    values (p_hotline, p_type, p_id, p_name)
    on conflict (entity_type, record_id) do update set name_norm = excluded.name_norm
    where linkage_names.name_norm <> excluded.name_norm;
  end if;

  select coalesce(array_agg(record_id), '{}') into by_keys from (
    select record_id from (
      select k.record_id, count(*) over (partition by h.key_hash) as block
        from unnest(p_hashes) as h(key_hash)
        cross join lateral (
          select record_id from linkage_keys
           where hotline_id = p_hotline and entity_type = p_type and key_hash = h.key_hash
             and record_id <> p_id
           limit p_per_key) k) hits
     group by record_id
     order by count(*) desc, min(block), record_id
     limit p_limit) best;
  return query select unnest(by_keys);

  if cardinality(by_keys) >= p_close_below then
    return;
  end if;
  select array_agg(w order by o) into words
    from unnest(string_to_array(p_name, ' ')) with ordinality as t(w, o)
   where length(w) >= 3;
  if words is null then
    return;
  end if;
  first_close := linkage_close_words(p_hotline, p_type, words[1]);
  last_close := linkage_close_words(p_hotline, p_type, words[cardinality(words)]);
  if first_close = '{}' or last_close = '{}' then
    return;
  end if;
  -- The names kept hold a word of each list; the word index is read for both when the planner finds
  -- it worth it (for each call, as these words are known then). A word with more than 60 stored
  -- words one edit away is a common one (a common name has hundreds of misspelt forms among the
  -- stored words, each held by many names): the blocking keys find its spellings, and this search
  -- is not made.
  if cardinality(first_close) <= cardinality(last_close) then
    fewer := first_close;
    other := last_close;
  else
    fewer := last_close;
    other := first_close;
  end if;
  if cardinality(fewer) > 60 then
    return;
  end if;
  return query execute
    'with m as materialized (
       select n.record_id from linkage_names n
        where string_to_array(n.name_norm, '' '') && $1
          and string_to_array(n.name_norm, '' '') && $2
          and n.hotline_id = $3 and n.entity_type = $4 and n.record_id <> $5 and not (n.record_id = any($6))
          and similarity(n.name_norm, $7) >= 0.6)
     select record_id from m limit $8'
    using fewer, other, p_hotline, p_type, p_id, by_keys, p_name, ceil(p_limit / 2.0)::integer;
end $$;

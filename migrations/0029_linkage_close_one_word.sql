-- linkage_candidates (0025) again, its close-spelling search moved into a function of its own,
-- linkage_close_names, which changes one thing: for a name of one word, only the close words that
-- are themselves as similar to it as a whole name must be (trigram similarity 0.6) are looked for.
--
-- A name of one word has one list of close words, so the word index cannot narrow it by a second
-- list, and a list holding a common word ("johnson" for "ojhnson") read every name with it (about
-- 4,000 at 1,000,000 names, 15 ms) to keep none: a stored name holding the close word c is compared
-- with the one-word name q as a whole, and its other words add trigrams that q does not have, so it
-- is at most as similar to q as c alone unless those words repeat q's own letters. A swap or a
-- changed letter in a short word costs more than 0.4 of the similarity ("johnson" against
-- "ojhnson" is 0.33), and such names were never kept; the name itself and a letter added at its
-- end still are. Names of two words and more are searched as before.
create function linkage_close_names(
  p_hotline uuid, p_type text, p_id uuid, p_name text, p_exclude uuid[], p_limit integer)
returns setof uuid
language plpgsql
as $$
declare
  words text[];
  first_close text[];
  last_close text[];
  fewer text[];
  other text[];
begin
  select array_agg(w order by o) into words
    from unnest(string_to_array(p_name, ' ')) with ordinality as t(w, o)
   where length(w) >= 3;
  if words is null then
    return;
  end if;
  first_close := linkage_close_words(p_hotline, p_type, words[1]);
  if p_name = words[1] then
    first_close := array(select c from unnest(first_close) as c where similarity(c, p_name) >= 0.6);
    last_close := first_close;
  else
    last_close := linkage_close_words(p_hotline, p_type, words[cardinality(words)]);
  end if;
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
  -- A materialized read, planned for all its rows, the limit applied to what it gives (see 0025).
  return query execute
    'with m as materialized (
       select n.record_id from linkage_names n
        where string_to_array(n.name_norm, '' '') && $1
          and string_to_array(n.name_norm, '' '') && $2
          and n.hotline_id = $3 and n.entity_type = $4 and n.record_id <> $5 and not (n.record_id = any($6))
          and similarity(n.name_norm, $7) >= 0.6)
     select record_id from m limit $8'
    using fewer, other, p_hotline, p_type, p_id, p_exclude, p_name, p_limit;
end $$;

create or replace function linkage_candidates(
  p_hotline uuid, p_type text, p_id uuid, p_hashes integer[], p_name text,
  p_limit integer, p_per_key integer, p_close_below integer)
returns setof uuid
language plpgsql
as $$
declare
  by_keys uuid[];
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

  if cardinality(by_keys) >= p_close_below or p_name = '' then
    return;
  end if;
  return query select linkage_close_names(p_hotline, p_type, p_id, p_name, by_keys, ceil(p_limit / 2.0)::integer);
end $$;

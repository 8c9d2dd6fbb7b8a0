-- Incremental linkage at a million records, the remaining costs: the candidate statement becomes a
-- PL/pgSQL function (its plans are kept per session instead of made on every call), and close
-- spellings are searched among the distinct words of names (a small table) instead of among every
-- full name, then looked up exactly.

-- Every distinct word of the normalised names of a hotline's records of one type. A misspelt word
-- is matched by trigrams here (tens of thousands of rows, not millions), and the names holding the
-- words found are then read through an exact word index. A word no longer used by any name stays:
-- it only ever leads to nothing.
create table linkage_name_words (
  hotline_id uuid not null references hotlines(id),
  entity_type text not null check (entity_type in ('person','business','signaler')),
  word text not null,
  primary key (hotline_id, entity_type, word)
);
create index linkage_name_words_trgm_idx on linkage_name_words using gin (word gin_trgm_ops);

-- Kept on write, once per statement (a batch run writes names in large chunks).
create function linkage_name_words_add() returns trigger language plpgsql as $$
begin
  insert into linkage_name_words (hotline_id, entity_type, word)
  select distinct n.hotline_id, n.entity_type, w
    from new_names n, unnest(string_to_array(n.name_norm, ' ')) w
   where w <> ''
  on conflict do nothing;
  return null;
end $$;
create trigger linkage_names_words_insert after insert on linkage_names
  referencing new table as new_names for each statement execute function linkage_name_words_add();
create trigger linkage_names_words_update after update on linkage_names
  referencing new table as new_names for each statement execute function linkage_name_words_add();

insert into linkage_name_words (hotline_id, entity_type, word)
select distinct hotline_id, entity_type, w
  from linkage_names, unnest(string_to_array(name_norm, ' ')) w
 where w <> ''
on conflict do nothing;

-- Names by their exact words.
create index linkage_names_words_idx on linkage_names using gin ((string_to_array(name_norm, ' ')));

-- The trigram index over every full name is no longer read, nor is the function of 0010.
drop index linkage_names_trgm_idx;
drop function linkage_similar_names(uuid, text, uuid, text, integer);

-- One record's search keys and name rewritten, and its candidates found:
--   1. up to p_per_key records per blocking key; the p_limit sharing the most keys (ties: the rarer
--      key first);
--   2. only when those are fewer than p_trigram_below and the name has at least 3 characters: up to
--      p_limit / 2 more whose name is close to it (trigram similarity at least 0.6), found through
--      the words: each name read has a word close to the name's first word and one close to its
--      last (words of 3 characters or more; similarity at least 0.4).
create function linkage_candidates(
  p_hotline uuid, p_type text, p_id uuid, p_hashes integer[], p_name text,
  p_limit integer, p_per_key integer, p_trigram_below integer)
returns setof uuid
language plpgsql
set pg_trgm.similarity_threshold = 0.4
as $$
declare
  by_keys uuid[];
  words text[];
  first_close text[];
  last_close text[];
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

  if cardinality(by_keys) >= p_trigram_below or length(p_name) < 3 then
    return;
  end if;
  select array_agg(w order by o) into words
    from unnest(string_to_array(p_name, ' ')) with ordinality as t(w, o)
   where length(w) >= 3;
  if words is null then
    return;
  end if;
  select array_agg(word) into first_close from linkage_name_words
   where hotline_id = p_hotline and entity_type = p_type and word % words[1];
  select array_agg(word) into last_close from linkage_name_words
   where hotline_id = p_hotline and entity_type = p_type and word % words[cardinality(words)];
  if first_close is null or last_close is null then
    return;
  end if;
  -- Planned for these words each time (a plan kept for any words could scan every name instead of
  -- using the word index).
  return query execute
    'select n.record_id from linkage_names n
      where string_to_array(n.name_norm, '' '') && $1 and string_to_array(n.name_norm, '' '') && $2
        and n.hotline_id = $3 and n.entity_type = $4 and n.record_id <> $5 and not (n.record_id = any($6))
        and similarity(n.name_norm, $7) >= 0.6
      limit $8'
    using first_close, last_close, p_hotline, p_type, p_id, by_keys, p_name, ceil(p_limit / 2.0)::integer;
end $$;

-- Incremental linkage: close spellings of a name word found by symmetric deletion (as SymSpell
-- does) instead of by trigrams. Every word of the stored names is kept with each of its one-letter
-- deletions; a word one edit away from another (a letter added, dropped, changed, or two swapped)
-- shares one of those variants with it, so the close words of a word are found by one exact index
-- probe per variant (its length + 1), however many words the hotline has. The trigram search it
-- replaces read thousands of index entries for a short word among 160,000.
--
-- A word leaves the table when no name of the hotline and record type uses it any more, so that a
-- renamed or erased person leaves no trace of the name here. Adding is an insert that does nothing
-- on conflict (no counter, so concurrent links of a common name never wait on each other);
-- removing checks each word the old names had through the exact word index of linkage_names. A word
-- removed while another transaction, not yet committed, adds a name with it is missed by the
-- close-spelling search until that name is saved again or a batch run rewrites the names.

-- The word (position 0) and its one-letter deletions with the position of the letter deleted
-- (letters are characters, in any script). A word shorter than 3 letters is kept as itself only (its
-- deletions would match most short words).
create function linkage_word_variants(w text) returns table (variant text, pos integer)
language sql immutable strict parallel safe
as $$
  select w, 0
  union all
  select overlay(w placing '' from i for 1), i from generate_series(1, length(w)) i where length(w) >= 3
$$;

create table linkage_name_variants (
  hotline_id uuid not null references hotlines(id),
  entity_type text not null check (entity_type in ('person','business','signaler')),
  variant text not null,
  word text not null,
  pos smallint not null,
  primary key (hotline_id, entity_type, variant, word, pos)
);

-- The stored words one edit from q: those sharing a variant with it where the two deletions say
-- which edit it is (one side is the word itself: a letter added or dropped; the same position: a
-- letter changed; neighbouring positions with the letters crossed: two letters swapped). Sharing a
-- variant otherwise means two edits ("tefai" and "tefoa" both give "tefa"), which is not close.
-- (PL/pgSQL, so that its plan is kept per session.)
create function linkage_close_words(h uuid, t text, q text) returns text[]
language plpgsql stable strict parallel safe
as $$
begin
  return (
    select coalesce(array_agg(distinct s.word), '{}')
      from linkage_word_variants(q) qv
      join linkage_name_variants s on s.hotline_id = h and s.entity_type = t and s.variant = qv.variant
     where qv.pos = 0 or s.pos = 0 or s.pos = qv.pos
        or (s.pos = qv.pos + 1 and substr(s.word, s.pos, 1) = substr(q, qv.pos, 1))
        or (qv.pos = s.pos + 1 and substr(q, qv.pos, 1) = substr(s.word, s.pos, 1)));
end $$;

-- The words of new names that are not there yet, with their variants.
create function linkage_name_variants_add() returns trigger language plpgsql as $$
begin
  insert into linkage_name_variants (hotline_id, entity_type, variant, word, pos)
  select w.hotline_id, w.entity_type, v.variant, w.word, v.pos
    from (select distinct n.hotline_id, n.entity_type, x as word
            from new_names n, unnest(string_to_array(n.name_norm, ' ')) x
           where x <> '') w
   cross join lateral linkage_word_variants(w.word) v
   where not exists (select 1 from linkage_name_variants e
                      where e.hotline_id = w.hotline_id and e.entity_type = w.entity_type
                        and e.variant = w.word and e.word = w.word and e.pos = 0)
  on conflict do nothing;
  return null;
end $$;

-- Words no name of the hotline and type uses any more, with their variants, removed. A few words
-- (one record changed) are checked one by one through the word index; many (a batch run replacing
-- every name) by reading the names left once.
create function linkage_name_words_forget(h uuid, t text, words text[]) returns void
language plpgsql as $$
declare
  w text;
begin
  if cardinality(words) <= 200 then
    foreach w in array words loop
      continue when exists (select 1 from linkage_names n
                             where string_to_array(n.name_norm, ' ') @> array[w]
                               and n.hotline_id = h and n.entity_type = t);
      delete from linkage_name_variants
       where hotline_id = h and entity_type = t and word = w
         and variant = any(array(select variant from linkage_word_variants(w)));
    end loop;
  else
    delete from linkage_name_variants v
     using (select unnest(words)
            except
            select x from linkage_names n, unnest(string_to_array(n.name_norm, ' ')) x
             where n.hotline_id = h and n.entity_type = t) gone(word)
     where v.hotline_id = h and v.entity_type = t and v.word = gone.word;
  end if;
end $$;

create function linkage_name_variants_update() returns trigger language plpgsql as $$
declare
  g record;
begin
  for g in
    select o.hotline_id, o.entity_type, array_agg(o.word) as words from (
      select distinct n.hotline_id, n.entity_type, x as word
        from old_names n, unnest(string_to_array(n.name_norm, ' ')) x where x <> ''
      except
      select n.hotline_id, n.entity_type, x
        from new_names n, unnest(string_to_array(n.name_norm, ' ')) x) o
     group by o.hotline_id, o.entity_type
  loop
    perform linkage_name_words_forget(g.hotline_id, g.entity_type, g.words);
  end loop;
  insert into linkage_name_variants (hotline_id, entity_type, variant, word, pos)
  select w.hotline_id, w.entity_type, v.variant, w.word, v.pos
    from (select distinct n.hotline_id, n.entity_type, x as word
            from new_names n, unnest(string_to_array(n.name_norm, ' ')) x
           where x <> '') w
   cross join lateral linkage_word_variants(w.word) v
   where not exists (select 1 from linkage_name_variants e
                      where e.hotline_id = w.hotline_id and e.entity_type = w.entity_type
                        and e.variant = w.word and e.word = w.word and e.pos = 0)
  on conflict do nothing;
  return null;
end $$;

create function linkage_name_variants_delete() returns trigger language plpgsql as $$
declare
  g record;
begin
  for g in
    select o.hotline_id, o.entity_type, array_agg(o.word) as words from (
      select distinct n.hotline_id, n.entity_type, x as word
        from old_names n, unnest(string_to_array(n.name_norm, ' ')) x where x <> '') o
     group by o.hotline_id, o.entity_type
  loop
    perform linkage_name_words_forget(g.hotline_id, g.entity_type, g.words);
  end loop;
  return null;
end $$;

create trigger linkage_names_variants_insert after insert on linkage_names
  referencing new table as new_names for each statement execute function linkage_name_variants_add();
create trigger linkage_names_variants_update after update on linkage_names
  referencing old table as old_names new table as new_names
  for each statement execute function linkage_name_variants_update();
create trigger linkage_names_variants_delete after delete on linkage_names
  referencing old table as old_names for each statement execute function linkage_name_variants_delete();

insert into linkage_name_variants (hotline_id, entity_type, variant, word, pos)
select w.hotline_id, w.entity_type, v.variant, w.word, v.pos
  from (select distinct hotline_id, entity_type, x as word
          from linkage_names, unnest(string_to_array(name_norm, ' ')) x
         where x <> '') w
 cross join lateral linkage_word_variants(w.word) v;

-- The trigram word table of 0014 and its upkeep are no longer read.
drop trigger linkage_names_words_insert on linkage_names;
drop trigger linkage_names_words_update on linkage_names;
drop function linkage_name_words_add();
drop table linkage_name_words;

-- linkage_candidates (0014) again, with its close-spelling search through the variants: only when
-- the keys found fewer than p_close_below records and the name has a word of at least 3 letters,
-- up to p_limit / 2 more whose name is close to it (trigram similarity of the whole name at least
-- 0.6), among the names holding a word one edit from the name's first word and one from its last
-- (linkage_close_words).
drop function linkage_candidates(uuid, text, uuid, integer[], text, integer, integer, integer);
create function linkage_candidates(
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
  -- The names are read through the shorter word list only and kept when they also hold a word of
  -- the other. A word with more than 60 stored words one edit away is a common one (a common name
  -- has hundreds of misspelt forms among the stored words, each held by many names): the blocking
  -- keys find its spellings, and this search is not made. Planned for these words on each call.
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
    'select n.record_id from linkage_names n
      where string_to_array(n.name_norm, '' '') && $1
        and (string_to_array(n.name_norm, '' '') && $2) is true
        and n.hotline_id = $3 and n.entity_type = $4 and n.record_id <> $5 and not (n.record_id = any($6))
        and similarity(n.name_norm, $7) >= 0.6
      limit $8'
    using fewer, other, p_hotline, p_type, p_id, by_keys, p_name, ceil(p_limit / 2.0)::integer;
end $$;

-- Statistics for the planner on the new table.
analyze linkage_name_variants;

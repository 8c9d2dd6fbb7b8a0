-- Search: a word leaves search_words when the last name, alias, business name or address using it
-- is changed or deleted, so that erasing or renaming a person leaves no trace of the name in the
-- look-alike words offered to a misspelt query.
--
-- Adding stays as it was (insert, nothing on conflict): no counter to update, so concurrent intakes
-- of common names never wait on each other. Removing checks, for each word the old value had and
-- the new one lacks, whether anything else of the hotline still uses it, through the same
-- full-text indexes the search uses (one index probe per word and table); only updates and
-- deletes pay for it. A word removed while another transaction, not yet committed, adds a name
-- with it is added back by the next save of that name.

create function search_word_used(h uuid, w text) returns boolean language plpgsql stable as $$
declare
  q tsquery := quote_literal(w)::tsquery;
begin
  return exists (select 1 from persons where hotline_id = h and to_tsvector('simple', search_names) @@ q)
      or exists (select 1 from businesses where hotline_id = h and to_tsvector('simple', name) @@ q)
      or exists (select 1 from businesses where hotline_id = h
                    and to_tsvector('simple', coalesce(address, '')) @@ q)
      or exists (select 1 from locations where hotline_id = h
                    and to_tsvector('simple', coalesce(address, '')) @@ q);
end $$;

-- The words of old_text that new_text no longer has, removed when nothing else uses them.
create function search_words_remove(h uuid, old_text text, new_text text) returns void language plpgsql as $$
declare
  w text;
begin
  for w in select unnest(tsvector_to_array(to_tsvector('simple', coalesce(old_text, ''))))
           except
           select unnest(tsvector_to_array(to_tsvector('simple', coalesce(new_text, ''))))
  loop
    continue when w ~ '[0-9]' or search_word_used(h, w);
    delete from search_words where hotline_id = h and word = w;
  end loop;
end $$;

create or replace function persons_search_words() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' then
    perform search_words_remove(old.hotline_id, old.search_names,
                                case when tg_op = 'UPDATE' then new.search_names end);
  end if;
  if tg_op <> 'DELETE' then
    perform search_words_add(new.hotline_id, new.search_names);
  end if;
  return null;
end $$;
drop trigger persons_search_words on persons;
create trigger persons_search_words after insert or update of search_names or delete on persons
  for each row execute function persons_search_words();

create or replace function businesses_search_words() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' then
    perform search_words_remove(old.hotline_id, old.name || ' ' || coalesce(old.address, ''),
                                case when tg_op = 'UPDATE' then new.name || ' ' || coalesce(new.address, '') end);
  end if;
  if tg_op <> 'DELETE' then
    perform search_words_add(new.hotline_id, new.name || ' ' || coalesce(new.address, ''));
  end if;
  return null;
end $$;
drop trigger businesses_search_words on businesses;
create trigger businesses_search_words after insert or update of name, address or delete on businesses
  for each row execute function businesses_search_words();

create or replace function locations_search_words() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' then
    perform search_words_remove(old.hotline_id, old.address,
                                case when tg_op = 'UPDATE' then new.address end);
  end if;
  if tg_op <> 'DELETE' then
    perform search_words_add(new.hotline_id, new.address);
  end if;
  return null;
end $$;
drop trigger locations_search_words on locations;
create trigger locations_search_words after insert or update of address or delete on locations
  for each row execute function locations_search_words();

-- Words already left behind by earlier changes.
delete from search_words s where not search_word_used(s.hotline_id, s.word);

-- Trigram indexes nothing reads any more: search matches whole words through the full-text
-- indexes and misspellings through search_words_trgm_idx; record linkage has its own tables
-- (linkage_names, linkage_name_words) and indexes. Each made every insert and every change of a
-- name or an address slower.
drop index persons_search_names_trgm_idx;
drop index persons_name_trgm_idx;
drop index businesses_name_trgm_idx;
drop index businesses_address_trgm_idx;
drop index locations_address_trgm_idx;

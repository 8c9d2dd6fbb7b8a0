-- Search: every distinct word of a hotline's names, aliases, business names and addresses, kept in a
-- small table. A misspelt word is matched by trigrams against this table (thousands of rows, not
-- millions of people), and the words found are then looked up exactly through the full-text
-- indexes, so fuzzy search costs about the same as exact search at any size.
-- Words with a digit (house numbers, business numbers) are only ever matched exactly: they are
-- not kept here. A word that no longer appears anywhere stays: it only ever leads to nothing.

create table search_words (
  hotline_id uuid not null references hotlines(id),
  word text not null,
  primary key (hotline_id, word)
);
create index search_words_trgm_idx on search_words using gin (word gin_trgm_ops);

create function search_words_add(h uuid, t text) returns void language sql as $$
  insert into search_words (hotline_id, word)
  select h, w from unnest(tsvector_to_array(to_tsvector('simple', coalesce(t, '')))) w
   where w !~ '[0-9]'
  on conflict do nothing
$$;

create function persons_search_words() returns trigger language plpgsql as $$
begin
  perform search_words_add(new.hotline_id, new.search_names);
  return null;
end $$;
create trigger persons_search_words after insert or update of search_names on persons
  for each row execute function persons_search_words();

create function businesses_search_words() returns trigger language plpgsql as $$
begin
  perform search_words_add(new.hotline_id, new.name || ' ' || coalesce(new.address, ''));
  return null;
end $$;
create trigger businesses_search_words after insert or update of name, address on businesses
  for each row execute function businesses_search_words();

create function locations_search_words() returns trigger language plpgsql as $$
begin
  perform search_words_add(new.hotline_id, new.address);
  return null;
end $$;
create trigger locations_search_words after insert or update of address on locations
  for each row execute function locations_search_words();

-- Whole words of business names and addresses, as people's names already have.
create index businesses_name_words_idx on businesses using gin (to_tsvector('simple', name));
create index businesses_address_words_idx on businesses using gin (to_tsvector('simple', coalesce(address, '')));
create index locations_address_words_idx on locations using gin (to_tsvector('simple', coalesce(address, '')));

insert into search_words (hotline_id, word)
select distinct x.hotline_id, w
  from (select hotline_id, search_names as t from persons
        union all select hotline_id, name || ' ' || coalesce(address, '') from businesses
        union all select hotline_id, address from locations where address is not null) x,
       unnest(tsvector_to_array(to_tsvector('simple', x.t))) w
 where w !~ '[0-9]'
on conflict do nothing;

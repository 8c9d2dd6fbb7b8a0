-- Incremental linkage at a million records: candidate search by index only, bounded per key.

-- Covering index for "records with this key": read from the index alone, a few entries per key.
create index linkage_keys_covering_idx on linkage_keys (hotline_id, entity_type, key_hash, record_id);
drop index linkage_keys_lookup_idx;

-- Records with a close spelling of a name, by trigram similarity (at least 0.6, a high bar: the
-- blocking keys already find names that sound alike). The threshold is set for this call only.
create function linkage_similar_names(p_hotline uuid, p_type text, p_id uuid, p_name text, p_limit integer)
returns setof uuid
language sql stable
set pg_trgm.similarity_threshold = 0.6
as $$
  select record_id from linkage_names
  where name_norm % p_name and hotline_id = p_hotline and entity_type = p_type and record_id <> p_id
  limit p_limit
$$;

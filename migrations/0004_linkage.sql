-- Record linkage: which mentions of persons, businesses and signalers are the same one.
-- cluster_id on those tables is the outcome; these tables are how it is found, reviewed and undone.

-- The engine's blocking keys for each record (32-bit hashes), so that one new record finds its
-- candidates by index lookups instead of a scan.
create table linkage_keys (
  hotline_id uuid not null references hotlines(id),
  entity_type text not null check (entity_type in ('person','business','signaler')),
  record_id uuid not null,
  key_hash integer not null,
  primary key (entity_type, record_id, key_hash)
);
create index linkage_keys_lookup_idx on linkage_keys (hotline_id, entity_type, key_hash);

-- The normalised name (no accents, lower case, any script) for trigram search of near spellings.
create table linkage_names (
  entity_type text not null check (entity_type in ('person','business','signaler')),
  record_id uuid not null,
  hotline_id uuid not null references hotlines(id),
  name_norm text not null,
  primary key (entity_type, record_id)
);
create index linkage_names_trgm_idx on linkage_names using gin (name_norm gin_trgm_ops);
create index linkage_names_hotline_idx on linkage_names (hotline_id, entity_type);

-- The model a batch run estimated (m, u, prior, term frequencies); incremental linking scores with it.
create table linkage_models (
  hotline_id uuid not null references hotlines(id),
  entity_type text not null check (entity_type in ('person','business','signaler')),
  params jsonb not null,
  records integer not null,
  trained_at timestamptz not null default now(),
  primary key (hotline_id, entity_type)
);

-- What people decided about a pair; every later run respects it. record_a < record_b.
create table linkage_decisions (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  entity_type text not null check (entity_type in ('person','business','signaler')),
  record_a uuid not null,
  record_b uuid not null,
  decision text not null check (decision in ('confirm','reject')),
  decided_by uuid references users(id),
  decided_at timestamptz not null default now(),
  check (record_a < record_b),
  unique (hotline_id, entity_type, record_a, record_b)
);

-- Every link that holds records together, with who or what made it and whether it was undone.
-- A cluster is a connected group of active links.
create table linkage_links (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  entity_type text not null check (entity_type in ('person','business','signaler')),
  record_a uuid not null,
  record_b uuid not null,
  probability double precision not null,
  -- 'auto' (scored above the threshold), 'confirmed' (a person decided), 'batch' (a full re-run).
  source text not null check (source in ('auto','confirmed','batch')),
  created_at timestamptz not null default now(),
  created_by uuid references users(id),
  undone_at timestamptz,
  undone_by uuid references users(id),
  -- 'undo' by a person, 'rerun' when a batch run replaced it.
  undone_reason text check (undone_reason in ('undo','rerun')),
  check (record_a < record_b)
);
create index linkage_links_a_idx on linkage_links (entity_type, record_a) where undone_at is null;
create index linkage_links_b_idx on linkage_links (entity_type, record_b) where undone_at is null;
create index linkage_links_hotline_idx on linkage_links (hotline_id, entity_type, created_at desc);

-- Pairs scored between the review and the automatic threshold wait here for a person.
create table linkage_review_items (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  entity_type text not null check (entity_type in ('person','business','signaler')),
  record_a uuid not null,
  record_b uuid not null,
  probability double precision not null,
  status text not null default 'open' check (status in ('open','confirmed','rejected','superseded')),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references users(id),
  check (record_a < record_b),
  unique (hotline_id, entity_type, record_a, record_b)
);
create index linkage_review_open_idx on linkage_review_items (hotline_id, entity_type, probability desc)
  where status = 'open';

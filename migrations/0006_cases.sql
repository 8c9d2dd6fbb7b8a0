-- Screening, cases and the advocate console.
-- Checklists are versioned data: every answer set keeps the version it was given under, so a later
-- change of questions never rewrites what an advocate saw and answered.

create table screening_checklists (
  -- null: the checklist shipped with Waymark; a hotline's own adaptation carries its id.
  hotline_id uuid references hotlines(id),
  version text not null check (version ~ '^[a-z0-9][a-z0-9.-]{0,40}$'),
  definition jsonb not null,
  created_at timestamptz not null default now()
);
create unique index screening_checklists_key on screening_checklists (coalesce(hotline_id, '00000000-0000-0000-0000-000000000000'::uuid), version);

create table signal_screenings (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  signal_id uuid not null references signals(id),
  checklist_version text not null,
  answers jsonb not null,
  -- What Waymark suggested, and why (rule ids and the questions behind them).
  suggested_category text not null,
  suggested_trafficking_type text not null,
  suggested_indicator_level text not null,
  reasons jsonb not null default '[]',
  -- What the advocate decided.
  category text not null,
  trafficking_type text not null,
  indicator_level text not null,
  overridden boolean not null default false,
  override_reason text,
  screened_by uuid references users(id),
  created_at timestamptz not null default now(),
  check (not overridden or override_reason is not null)
);
create index signal_screenings_signal_idx on signal_screenings (signal_id, created_at desc);

-- Means of control on a case, in CTDC's vocabulary.
create table case_means_of_control (
  case_id uuid not null references cases(id),
  hotline_id uuid not null references hotlines(id),
  code text not null,
  primary key (case_id, code)
);

-- The case's timeline of changes (signals, notes and tasks have their own rows and times).
create table case_events (
  id bigint generated always as identity primary key,
  hotline_id uuid not null references hotlines(id),
  case_id uuid not null references cases(id),
  at timestamptz not null default now(),
  actor_id uuid references users(id),
  kind text not null,
  -- The case's version after this change: a 409 names the changes since the caller's version.
  case_version integer not null,
  -- Field names and non-personal values (status, type), never names or phone numbers.
  details jsonb not null default '{}'
);
create index case_events_case_idx on case_events (case_id, id desc);

-- Search: names and aliases together, lower-cased, for trigram matching.
alter table persons add column search_names text not null default '';
create index persons_search_names_trgm_idx on persons using gin (search_names gin_trgm_ops);
-- Whole name words first (fast at millions of people), trigrams for misspellings.
create index persons_search_words_idx on persons using gin (to_tsvector('simple', search_names));
create index businesses_address_trgm_idx on businesses using gin (address gin_trgm_ops);
create index businesses_phone_idx on businesses (hotline_id, phone) where phone is not null;
create index locations_address_trgm_idx on locations using gin (address gin_trgm_ops);
create index case_persons_case_idx on case_persons (case_id, role);
create index case_businesses_case_idx on case_businesses (case_id);

-- Keyset lists: newest first, id breaks ties.
create index cases_list_idx on cases (hotline_id, identified_at desc, id desc);
create index cases_status_list_idx on cases (hotline_id, status, identified_at desc, id desc);
create index cases_assigned_idx on cases (hotline_id, assigned_to, identified_at desc, id desc);
create index signals_unassigned_idx on signals (hotline_id, received_at desc, id desc)
  where assigned_to is null and status in ('new', 'in_triage');
create index signals_list_idx on signals (hotline_id, status, received_at desc, id desc);
create index tasks_open_due_idx on tasks (hotline_id, due_at, id) where completed_at is null;
create index tasks_assignee_open_idx on tasks (hotline_id, assignee_id, due_at, id) where completed_at is null;
create index tasks_case_created_idx on tasks (case_id, created_at);

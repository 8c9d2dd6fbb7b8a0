-- Waymark core schema: hotlines, accounts, audit, and the hotline's records
-- (signals, signalers, cases, people, businesses, locations, notes, tasks).
-- Every row of personal data carries hotline_id; every query is scoped to it.
-- Rows people edit carry `version` for optimistic concurrency.

create extension if not exists pg_trgm;
create extension if not exists fuzzystrmatch;

create table hotlines (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 1 and 200),
  -- Two-letter state codes the hotline serves; empty means the whole country.
  jurisdictions text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

create table users (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  email text not null check (email = lower(email) and length(email) between 3 and 320),
  display_name text not null check (length(display_name) between 1 and 200),
  role text not null check (role in ('admin','supervisor','advocate','analyst','coordinator','partner')),
  password_hash text not null,
  totp_secret text,
  totp_enabled_at timestamptz,
  -- The last 30-second step a code was accepted for: a code works once.
  totp_last_step bigint,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  -- Coordinators see figures for these states only.
  states text[] not null default '{}',
  -- Partners see only what is referred to their organisation (organisations arrive with referrals).
  partner_organisation_id uuid,
  locale text not null default 'en' check (locale in ('en','es')),
  disabled_at timestamptz,
  password_changed_at timestamptz not null default now(),
  must_change_password boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create unique index users_email_key on users (email);
create index users_hotline_idx on users (hotline_id, role);

create table sessions (
  -- sha-256 of the cookie's token: a leaked table does not hand out sessions.
  id text primary key,
  user_id uuid not null references users(id),
  hotline_id uuid not null references hotlines(id),
  -- 'password' after the password, 'complete' after the second factor.
  stage text not null check (stage in ('password','complete')),
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id) where revoked_at is null;

create table setup_tokens (
  token_hash text primary key,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  hotline_id uuid references hotlines(id),
  actor_user_id uuid references users(id),
  -- Who acted when it was not a signed-in person: 'system:migrate', 'cli:users-create', 'public:webform'.
  actor_label text not null,
  action text not null,
  subject_type text,
  subject_id text,
  ip text,
  details jsonb not null default '{}'
);
create index audit_events_hotline_at_idx on audit_events (hotline_id, at desc, id desc);
create index audit_events_subject_idx on audit_events (subject_type, subject_id);

-- The audit trail is append-only for the application: no update, delete or truncate.
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_append_only();

create table signalers (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  role text not null default 'other' check (role in
    ('victim_survivor','family_friend','community_member','service_provider','law_enforcement','other')),
  name text,
  phone text,
  email text,
  language text,
  -- Whether, how and when it is safe to reach this person.
  contact_safe boolean,
  contact_instructions text,
  -- Repeat contacts: the same caller or texter across signals (record linkage).
  cluster_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index signalers_phone_idx on signalers (hotline_id, phone) where phone is not null;
create index signalers_email_idx on signalers (hotline_id, email) where email is not null;

create table signals (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  reference_code text not null,
  channel text not null check (channel in ('phone','webform','email','text','webchat')),
  received_at timestamptz not null default now(),
  signaler_id uuid references signalers(id),
  language text,
  state text check (state ~ '^[A-Z]{2}$'),
  state_inferred boolean not null default false,
  city text,
  location_text text,
  content jsonb not null default '{}',
  status text not null default 'new' check (status in ('new','in_triage','triaged','closed')),
  provider_id text,
  category text check (category in ('crisis','tip','referral_request','training_technical_assistance',
    'general_information','high_risk','non_substantive')),
  trafficking_type text check (trafficking_type in ('sex','labor','sex_and_labor','not_specified')),
  indicator_level text check (indicator_level in ('high','moderate','none')),
  assigned_to uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create unique index signals_reference_key on signals (hotline_id, reference_code);
create unique index signals_provider_key on signals (hotline_id, channel, provider_id) where provider_id is not null;
create index signals_inbox_idx on signals (hotline_id, status, received_at desc);
create index signals_received_idx on signals (hotline_id, received_at);

create table cases (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  reference_code text not null,
  summary text not null default '',
  trafficking_type text not null default 'not_specified'
    check (trafficking_type in ('sex','labor','sex_and_labor','not_specified')),
  indicator_level text check (indicator_level in ('high','moderate','none')),
  status text not null default 'open' check (status in ('open','active','referred','monitoring','closed')),
  close_reason text,
  identified_at timestamptz not null default now(),
  assigned_to uuid references users(id),
  created_by uuid references users(id),
  closed_at timestamptz,
  external_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (status <> 'closed' or close_reason is not null)
);
create unique index cases_reference_key on cases (hotline_id, reference_code);
create unique index cases_external_key on cases (hotline_id, external_id) where external_id is not null;
create index cases_status_idx on cases (hotline_id, status, identified_at desc);
create index cases_identified_idx on cases (hotline_id, identified_at);

create table case_signals (
  case_id uuid not null references cases(id),
  signal_id uuid not null references signals(id),
  hotline_id uuid not null references hotlines(id),
  linked_by uuid references users(id),
  linked_at timestamptz not null default now(),
  primary key (case_id, signal_id)
);
create index case_signals_signal_idx on case_signals (signal_id);

create table persons (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  given_name text,
  family_name text,
  full_name text,
  aliases text[] not null default '{}',
  birth_date date,
  age_years integer check (age_years between 0 and 120),
  -- When the age was given, so that it can be turned into a birth year later.
  age_recorded_at date,
  gender text,
  nationality text,
  languages text[] not null default '{}',
  phones text[] not null default '{}',
  emails text[] not null default '{}',
  identifying_details text,
  external_id text,
  -- Record linkage puts every mention of one real person in one cluster; null means a cluster of one.
  -- Statistics count distinct coalesce(cluster_id, id).
  cluster_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index persons_hotline_idx on persons (hotline_id);
create index persons_cluster_idx on persons (cluster_id) where cluster_id is not null;
create index persons_name_trgm_idx on persons using gin (full_name gin_trgm_ops);
create index persons_phones_idx on persons using gin (phones);
create index persons_emails_idx on persons using gin (emails);

create table case_persons (
  case_id uuid not null references cases(id),
  person_id uuid not null references persons(id),
  hotline_id uuid not null references hotlines(id),
  role text not null check (role in ('victim','trafficker','other')),
  is_minor boolean,
  details text,
  created_at timestamptz not null default now(),
  primary key (case_id, person_id, role)
);
create index case_persons_person_idx on case_persons (person_id);

-- Victims or traffickers known only as a number ("about ten workers").
create table case_person_groups (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  hotline_id uuid not null references hotlines(id),
  role text not null check (role in ('victim','trafficker','other')),
  count integer not null check (count between 1 and 100000),
  description text,
  includes_minors boolean,
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create index case_person_groups_case_idx on case_person_groups (case_id);

create table businesses (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  name text not null,
  -- A slug from reference/trafficking_typology.csv.
  typology text,
  address text,
  city text,
  state text check (state ~ '^[A-Z]{2}$'),
  phone text,
  external_id text,
  cluster_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index businesses_hotline_idx on businesses (hotline_id);
create index businesses_name_trgm_idx on businesses using gin (name gin_trgm_ops);

create table case_businesses (
  case_id uuid not null references cases(id),
  business_id uuid not null references businesses(id),
  hotline_id uuid not null references hotlines(id),
  created_at timestamptz not null default now(),
  primary key (case_id, business_id)
);
create index case_businesses_business_idx on case_businesses (business_id);

create table locations (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  case_id uuid not null references cases(id),
  venue_type text not null,
  address text,
  city text,
  county text,
  state text check (state ~ '^[A-Z]{2}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index locations_case_idx on locations (case_id);
create index locations_state_idx on locations (hotline_id, state);

create table notes (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  case_id uuid references cases(id),
  signal_id uuid references signals(id),
  author_id uuid references users(id),
  body text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (case_id is not null or signal_id is not null)
);
create index notes_case_idx on notes (case_id, created_at);
create index notes_signal_idx on notes (signal_id, created_at);

create table tasks (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  case_id uuid references cases(id),
  title text not null,
  due_at timestamptz,
  assignee_id uuid references users(id),
  completed_at timestamptz,
  completed_by uuid references users(id),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index tasks_assignee_idx on tasks (hotline_id, assignee_id, completed_at, due_at);
create index tasks_case_idx on tasks (case_id);

-- Service directory (Open Referral HSDS 3.0), referrals to partner organisations, and the reports
-- the law requires (mandatory and required reports, from reference/jurisdictions/).

-- The directory is shared by the installation: organisations and services are public information,
-- not personal data. Every HSDS object is kept as given (one row per object, flat), with the
-- object it was nested under, so that canonical JSON and the tabular package both round-trip.
create table directory_records (
  kind text not null check (kind in ('organization','service','location','service_at_location','phone',
    'address','schedule','contact','language','service_area','taxonomy_term','attribute')),
  id text not null check (length(id) between 1 and 200),
  parent_kind text,
  parent_id text,
  -- Import order: exports list objects in the order they arrived.
  seq bigint generated always as identity,
  data jsonb not null,
  imported_at timestamptz not null default now(),
  primary key (kind, id)
);
create index directory_records_parent_idx on directory_records (parent_kind, parent_id);

-- What search needs, derived from the records at each import (never edited by hand).
create table directory_service_index (
  service_id text primary key,
  organization_id text,
  organization_name text not null default '',
  name text not null,
  description text not null default '',
  status text not null,
  needs text[] not null default '{}',
  languages text[] not null default '{}',
  states text[] not null default '{}',
  counties text[] not null default '{}',
  genders text[] not null default '{}',
  minimum_age numeric,
  maximum_age numeric,
  search_text text not null default ''
);
create index directory_service_index_states_idx on directory_service_index using gin (states);
create index directory_service_index_needs_idx on directory_service_index using gin (needs);

create table referrals (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  case_id uuid not null references cases(id),
  person_id uuid not null references persons(id),
  service_id text not null,
  -- The HSDS organization id; partner users carry it as users.partner_organisation_id.
  organization_id uuid not null,
  status text not null default 'sent'
    check (status in ('sent','accepted','declined','completed','revoked')),
  consent_method text not null check (consent_method in ('verbal','written','guardian')),
  consent_recorded_at timestamptz not null,
  -- The field names the person agreed to share, and the snapshot of exactly those values.
  shared_fields text[] not null,
  shared jsonb not null,
  respond_by timestamptz not null,
  reminded_at timestamptz,
  decline_reason text,
  revoke_reason text,
  responded_at timestamptz,
  responded_by uuid references users(id),
  completed_at timestamptz,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (status <> 'declined' or decline_reason is not null)
);
create index referrals_case_idx on referrals (hotline_id, case_id, created_at desc);
create index referrals_partner_idx on referrals (hotline_id, organization_id, created_at desc);
create index referrals_due_idx on referrals (respond_by) where status = 'sent' and reminded_at is null;

create table required_reports (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  case_id uuid not null references cases(id),
  jurisdiction text not null check (jurisdiction ~ '^[A-Z]{2}$'),
  rule_id text not null,
  agency text not null,
  raised_at timestamptz not null default now(),
  due_at timestamptz not null,
  status text not null default 'due' check (status in ('due','filed','waived')),
  filed_at timestamptz,
  filed_method text check (filed_method in ('phone','online_form','email','in_person','other')),
  filed_to text,
  reference_number text,
  filed_by uuid references users(id),
  waive_reason text,
  waived_by uuid references users(id),
  waived_at timestamptz,
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (status <> 'filed' or (filed_at is not null and filed_method is not null and filed_to is not null)),
  check (status <> 'waived' or (waive_reason is not null and waived_by is not null))
);
create unique index required_reports_rule_key on required_reports (case_id, jurisdiction, rule_id);
create index required_reports_due_idx on required_reports (hotline_id, status, due_at);

-- An adult victim's decision about telling law enforcement (seed 001: adults decide).
create table law_enforcement_consents (
  case_id uuid not null references cases(id),
  person_id uuid not null references persons(id),
  hotline_id uuid not null references hotlines(id),
  consents boolean not null,
  recorded_by uuid references users(id),
  recorded_at timestamptz not null default now(),
  primary key (case_id, person_id)
);

-- Referral and required-report steps on a case's timeline (see docs/referrals.md). Details hold
-- statuses, field names and ids, never personal data.
create table referral_timeline (
  id bigint generated always as identity primary key,
  hotline_id uuid not null references hotlines(id),
  case_id uuid not null references cases(id),
  at timestamptz not null default now(),
  subject_type text not null check (subject_type in ('referral','required_report')),
  subject_id uuid not null,
  kind text not null,
  actor_id uuid references users(id),
  actor_label text not null,
  details jsonb not null default '{}'
);
create index referral_timeline_case_idx on referral_timeline (case_id, id);

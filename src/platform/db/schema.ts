/**
 * Row types for Kysely, one interface per table in migrations/. Keep them in step with the SQL.
 * Tables a feature adds are declared in that feature and merged into DB.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string | undefined, string>;

export type Role = 'admin' | 'supervisor' | 'advocate' | 'analyst' | 'coordinator' | 'partner';
export type Channel = 'phone' | 'webform' | 'email' | 'text' | 'webchat';
export type TraffickingType = 'sex' | 'labor' | 'sex_and_labor' | 'not_specified';
export type PersonRole = 'victim' | 'trafficker' | 'other';

export interface HotlinesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  jurisdictions: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface UsersTable {
  id: Generated<string>;
  hotline_id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  states: ColumnType<string[], string[] | undefined, string[]>;
  partner_organisation_id: string | null;
  locale: Generated<'en' | 'es'>;
  disabled_at: Date | null;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  hotline_id: string;
  stage: 'password' | 'complete';
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: CreatedAt;
  hotline_id: string | null;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  details: Json;
}

export interface SignalersTable {
  id: Generated<string>;
  hotline_id: string;
  role: Generated<string>;
  name: string | null;
  phone: string | null;
  email: string | null;
  language: string | null;
  contact_safe: boolean | null;
  contact_instructions: string | null;
  cluster_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SignalsTable {
  id: Generated<string>;
  hotline_id: string;
  reference_code: string;
  channel: Channel;
  received_at: Timestamp;
  signaler_id: string | null;
  language: string | null;
  state: string | null;
  state_inferred: Generated<boolean>;
  city: string | null;
  location_text: string | null;
  content: Json;
  status: Generated<'new' | 'in_triage' | 'triaged' | 'closed'>;
  provider_id: string | null;
  category: string | null;
  trafficking_type: TraffickingType | null;
  indicator_level: 'high' | 'moderate' | 'none' | null;
  assigned_to: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CasesTable {
  id: Generated<string>;
  hotline_id: string;
  reference_code: string;
  summary: Generated<string>;
  trafficking_type: Generated<TraffickingType>;
  indicator_level: 'high' | 'moderate' | 'none' | null;
  status: Generated<'open' | 'active' | 'referred' | 'monitoring' | 'closed'>;
  close_reason: string | null;
  identified_at: Timestamp;
  assigned_to: string | null;
  created_by: string | null;
  closed_at: Date | null;
  external_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CaseSignalsTable {
  case_id: string;
  signal_id: string;
  hotline_id: string;
  linked_by: string | null;
  linked_at: CreatedAt;
}

export interface PersonsTable {
  id: Generated<string>;
  hotline_id: string;
  given_name: string | null;
  family_name: string | null;
  full_name: string | null;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  birth_date: string | null;
  age_years: number | null;
  age_recorded_at: string | null;
  gender: string | null;
  nationality: string | null;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  phones: ColumnType<string[], string[] | undefined, string[]>;
  emails: ColumnType<string[], string[] | undefined, string[]>;
  identifying_details: string | null;
  external_id: string | null;
  cluster_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CasePersonsTable {
  case_id: string;
  person_id: string;
  hotline_id: string;
  role: PersonRole;
  is_minor: boolean | null;
  details: string | null;
  created_at: CreatedAt;
}

export interface CasePersonGroupsTable {
  id: Generated<string>;
  case_id: string;
  hotline_id: string;
  role: PersonRole;
  count: number;
  description: string | null;
  includes_minors: boolean | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface BusinessesTable {
  id: Generated<string>;
  hotline_id: string;
  name: string;
  typology: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  phone: string | null;
  external_id: string | null;
  cluster_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CaseBusinessesTable {
  case_id: string;
  business_id: string;
  hotline_id: string;
  created_at: CreatedAt;
}

export interface LocationsTable {
  id: Generated<string>;
  hotline_id: string;
  case_id: string;
  venue_type: string;
  address: string | null;
  city: string | null;
  county: string | null;
  state: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface NotesTable {
  id: Generated<string>;
  hotline_id: string;
  case_id: string | null;
  signal_id: string | null;
  author_id: string | null;
  body: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TasksTable {
  id: Generated<string>;
  hotline_id: string;
  case_id: string | null;
  title: string;
  due_at: Date | null;
  assignee_id: string | null;
  completed_at: Date | null;
  completed_by: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

export interface DB {
  hotlines: HotlinesTable;
  users: UsersTable;
  sessions: SessionsTable;
  setup_tokens: SetupTokensTable;
  audit_events: AuditEventsTable;
  signalers: SignalersTable;
  signals: SignalsTable;
  cases: CasesTable;
  case_signals: CaseSignalsTable;
  persons: PersonsTable;
  case_persons: CasePersonsTable;
  case_person_groups: CasePersonGroupsTable;
  businesses: BusinessesTable;
  case_businesses: CaseBusinessesTable;
  locations: LocationsTable;
  notes: NotesTable;
  tasks: TasksTable;
  schema_migrations: SchemaMigrationsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type HotlineRow = Selectable<HotlinesTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;

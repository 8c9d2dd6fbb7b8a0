-- Statistics and case-level import.
-- External ids let an import from another system run twice without creating anything twice;
-- the indexes serve the State Spotlight queries (period by received/identified time, state by location).

alter table signals add column external_id text;
create unique index signals_external_key on signals (hotline_id, external_id) where external_id is not null;

alter table signalers add column external_id text;
create unique index signalers_external_key on signalers (hotline_id, external_id) where external_id is not null;

-- persons and businesses already have external_id (0001); look-ups by it need an index.
create index persons_external_idx on persons (hotline_id, external_id) where external_id is not null;
create index businesses_external_idx on businesses (hotline_id, external_id) where external_id is not null;

-- A state's cases: locations by state, then the case.
create index locations_state_case_idx on locations (hotline_id, state, case_id);
-- A state's signals in a period, and the signals whose state comes from their case.
create index signals_state_received_idx on signals (hotline_id, state, received_at);
create index case_signals_case_idx on case_signals (case_id, signal_id);
create index case_person_groups_case_role_idx on case_person_groups (case_id, role);
-- Covering indexes: the period's cases without visiting the table, and the signals that name no
-- state (they count where their case is) without scanning every signal of the period.
create index cases_period_cover_idx on cases (hotline_id, identified_at) include (id, created_at, trafficking_type);
create index signals_stateless_idx on signals (hotline_id, received_at)
  include (id, channel, signaler_id, created_at, category) where state is null;
create index case_signals_signal_cover_idx on case_signals (signal_id) include (case_id, linked_at);

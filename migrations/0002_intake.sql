-- Intake: how an unauthenticated channel finds its hotline, the messages of a signal's thread
-- (texts, emails, webchat lines, webform additions), attachments, text opt-outs and the
-- development outbox. A signal is committed before its channel is acknowledged.

-- Which hotline an inbound address belongs to: a phone number (E.164) for texts and calls,
-- an email address, a webform slug. Twilio channels carry the token their webhooks are signed with.
create table hotline_channels (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  kind text not null check (kind in ('text','phone','email','webform')),
  address text not null check (length(address) between 1 and 320),
  twilio_account_sid text,
  twilio_auth_token text,
  -- Phone channels: the advocates' numbers an incoming call rings (E.164).
  advocate_numbers text[] not null default '{}',
  created_at timestamptz not null default now()
);
create unique index hotline_channels_address_key on hotline_channels (kind, lower(address));
create index hotline_channels_hotline_idx on hotline_channels (hotline_id);

-- Threads: a texter's open conversation, found by this key (the sender's number).
alter table signals add column thread_key text;
create index signals_thread_idx on signals (hotline_id, channel, thread_key) where status <> 'closed';
-- sha-256 of the secret a webform reporter is shown once, needed with the reference code to add more.
alter table signals add column append_secret_hash text;

create table signal_messages (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  signal_id uuid not null references signals(id),
  channel text not null check (channel in ('phone','webform','email','text','webchat')),
  direction text not null check (direction in ('in','out')),
  -- MessageSid, Message-ID, ...: a replayed delivery finds its message and stores nothing new.
  provider_id text,
  body text not null default '',
  -- Subject, headers that thread an email, who sent an outbound reply.
  meta jsonb not null default '{}',
  sent_by uuid references users(id),
  delivery_status text,
  created_at timestamptz not null default now()
);
create unique index signal_messages_provider_key on signal_messages (hotline_id, channel, provider_id)
  where provider_id is not null;
create index signal_messages_signal_idx on signal_messages (signal_id, created_at);

create table signal_attachments (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  signal_id uuid not null references signals(id),
  message_id uuid not null references signal_messages(id),
  filename text not null,
  content_type text not null,
  size_bytes integer not null,
  data bytea not null,
  created_at timestamptz not null default now()
);
create index signal_attachments_signal_idx on signal_attachments (signal_id);

-- Texters who sent STOP: no further outbound texts until they send START.
create table sms_opt_outs (
  hotline_id uuid not null references hotlines(id),
  phone text not null,
  opted_out_at timestamptz not null default now(),
  primary key (hotline_id, phone)
);

-- What the development SMS provider and email transport "sent", for people and tests to read.
create table intake_dev_outbox (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  channel text not null check (channel in ('text','email')),
  recipient text not null,
  body text not null,
  meta jsonb not null default '{}',
  created_at timestamptz not null default now()
);

-- Keys this installation signs with (the webform's anti-forgery token), made on first use.
create table intake_keys (
  name text primary key,
  key bytea not null,
  created_at timestamptz not null default now()
);

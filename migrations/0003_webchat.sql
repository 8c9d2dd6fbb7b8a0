-- Webchat: a conversation between an anonymous visitor and an advocate. The chat is a signal
-- (channel 'webchat'); its lines are that signal's messages (signal_messages, 0002), each written
-- before the sender is told it arrived. This table holds only the chat's own state.

create table webchat_chats (
  id uuid primary key default gen_random_uuid(),
  hotline_id uuid not null references hotlines(id),
  signal_id uuid not null references signals(id),
  -- sha-256 of the visitor's resume token (kept in the tab's sessionStorage, never a cookie).
  resume_hash text not null,
  status text not null default 'waiting' check (status in ('waiting','active','ended')),
  language text not null,
  state text check (state ~ '^[A-Z]{2}$'),
  safe_to_chat boolean not null,
  advocate_id uuid references users(id),
  queued_at timestamptz not null default now(),
  accepted_at timestamptz,
  ended_at timestamptz,
  ended_by text check (ended_by in ('visitor','advocate','timeout','quick_exit')),
  -- Set when the visitor's connection drops; a chat left longer than the resume window is ended.
  visitor_away_at timestamptz,
  version integer not null default 1
);
create unique index webchat_chats_resume_key on webchat_chats (resume_hash);
create index webchat_chats_queue_idx on webchat_chats (hotline_id, status, queued_at);
create index webchat_chats_signal_idx on webchat_chats (signal_id);

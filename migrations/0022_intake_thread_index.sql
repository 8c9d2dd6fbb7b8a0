-- The open-conversation look-up of intake_receive_texts (0020) names the hotline, the channel and
-- the thread key and wants the newest match. With received_at in the thread index that is one
-- index probe, whatever `signals` held when the plan was made. Without it, a plan made while the
-- table was nearly empty (PL/pgSQL keeps its plans for the session, and the embedded engine never
-- analyzes tables on its own) read the hotline's signals newest first until one matched: all of
-- them for a new texter, so every text cost more as the hotline's signals grew.
drop index signals_thread_idx;
create index signals_thread_idx on signals (hotline_id, channel, thread_key, received_at desc)
  where status <> 'closed' and thread_key is not null;

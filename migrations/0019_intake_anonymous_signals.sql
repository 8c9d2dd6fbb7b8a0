-- What a new webform signal costs the database.
--
-- 1. signals_inbox_idx (hotline_id, status, received_at desc) is the leading part of
--    signals_list_idx (0006), which serves every query it served; every new signal paid for both.
drop index signals_inbox_idx;

-- 2. The open-conversation look-up names a thread key (a texter's number), so signals without one
--    (webform, phone, email) need no entry in its index.
drop index signals_thread_idx;
create index signals_thread_idx on signals (hotline_id, channel, thread_key)
  where status <> 'closed' and thread_key is not null;

-- 3. The statistics row of a new signal that names a state: one look-up of its signaler, not two.
create or replace function stat_signal_inserted() returns trigger language plpgsql as $$
begin
  insert into stat_signal_states (signal_id, state, hotline_id, received_at, channel, signaler_id,
      counted_from, signaler_role, signaler_who)
    select new.id, new.state, new.hotline_id, new.received_at, new.channel, new.signaler_id,
      new.created_at, sg.role, coalesce(sg.cluster_id, sg.id)
    from (select) as one
    left join signalers sg on sg.id = new.signaler_id and sg.hotline_id = new.hotline_id;
  return null;
end $$;

-- 4. New signals whose signaler gave no phone or email (so is always a new signaler) and that have
--    no first message: the webform's anonymous reports, which a group-commit batch gathers. One
--    statement per table for the whole batch instead of intake_record_signal's five per signal.
--    Each argument is an array with one element per signal, in arrival order. A provider id
--    already stored is a replay (nothing new, that signal answered); the same provider id twice in
--    the batch is written once, by its first row, and the later rows answer that signal. A signal
--    with the same provider id committed by another transaction meanwhile makes the insert fail
--    (unique index), and the caller runs its contacts again one at a time (intake_record_signal).
--    Same rows as intake_record_signal: signaler, signal, audit row `signal.received`, and a
--    notification per new signal. Answers one row per input row, numbered from 0.
create function intake_record_anonymous_signals(
  p_hotline uuid[], p_reference_code text[], p_channel text[], p_received_at timestamptz[],
  p_language text[], p_state text[], p_state_inferred boolean[], p_city text[], p_location_text text[],
  p_content jsonb[], p_provider_id text[], p_thread_key text[], p_append_secret_hash text[],
  p_role text[], p_name text[], p_signaler_language text[], p_contact_safe boolean[],
  p_contact_instructions text[],
  p_actor_user uuid[], p_actor_label text[], p_actor_ip text[], p_details jsonb[], p_notify_channel text
) returns table (ord int, signal_id uuid, reference_code text, created boolean)
language plpgsql set plan_cache_mode = force_generic_plan as $$
declare
  v_ids uuid[] := array(select gen_random_uuid() from generate_series(1, cardinality(p_hotline)));
  v_new int[] := '{}';
  r record;
begin
  for r in
    with src as materialized (
      select (t.n - 1)::int as ord, t.*, gen_random_uuid() as signaler_id
      from unnest(v_ids, p_hotline, p_reference_code, p_channel, p_received_at, p_language, p_state,
        p_state_inferred, p_city, p_location_text, p_content, p_provider_id, p_thread_key,
        p_append_secret_hash, p_role, p_name, p_signaler_language, p_contact_safe,
        p_contact_instructions, p_actor_user, p_actor_label, p_actor_ip, p_details)
        with ordinality as t(id, hotline_id, reference_code, channel, received_at, language, state,
          state_inferred, city, location_text, content, provider_id, thread_key, append_secret_hash,
          role, name, signaler_language, contact_safe, contact_instructions, actor_user, actor_label,
          actor_ip, details, n)
    ),
    -- A look-up by provider id per row (limit 1 keeps it one, on the unique index).
    stored as materialized (
      select src.ord, s.id, s.reference_code from src
      cross join lateral (
        select s.id, s.reference_code from signals s
        where s.hotline_id = src.hotline_id and s.channel = src.channel
          and s.provider_id = src.provider_id
        limit 1
      ) s
      where src.provider_id is not null
    ),
    -- The row of the batch that writes each new signal (itself, or the first with its provider id).
    writer as materialized (
      select src.ord, case when src.provider_id is null then src.ord
        else min(src.ord) over (partition by src.hotline_id, src.channel, src.provider_id) end as by
      from src
      where not exists (select from stored k where k.ord = src.ord)
    ),
    fresh as materialized (
      select src.* from src join writer w on w.ord = src.ord and w.by = src.ord
    ),
    new_signalers as (
      insert into signalers (id, hotline_id, role, name, language, contact_safe, contact_instructions,
        updated_at)
      select f.signaler_id, f.hotline_id, f.role, f.name, f.signaler_language, f.contact_safe,
        f.contact_instructions, now()
      from fresh f
    ),
    new_signals as (
      insert into signals as s (id, hotline_id, reference_code, channel, received_at, signaler_id,
        language, state, state_inferred, city, location_text, content, provider_id, thread_key,
        append_secret_hash, updated_at)
      select f.id, f.hotline_id, f.reference_code, f.channel, f.received_at, f.signaler_id,
        f.language, f.state, f.state_inferred, f.city, f.location_text, f.content, f.provider_id,
        f.thread_key, f.append_secret_hash, now()
      from fresh f order by f.ord
      on conflict (hotline_id, channel, provider_id) where provider_id is not null do nothing
      returning s.id
    ),
    new_audit as (
      insert into audit_events (hotline_id, actor_user_id, actor_label, action, subject_type,
        subject_id, ip, details)
      select f.hotline_id, f.actor_user, f.actor_label, 'signal.received', 'signal', f.id::text,
        f.actor_ip, f.details
      from fresh f join new_signals n on n.id = f.id order by f.ord
    )
    select src.ord, src.hotline_id, src.channel, src.provider_id,
      coalesce(k.id, w.id) as id, coalesce(k.reference_code, w.reference_code) as code,
      k.id is not null or n.id is not null as answered, w.ord = src.ord as writes,
      w.signaler_id
    from src
    left join stored k on k.ord = src.ord
    left join writer b on b.ord = src.ord
    left join src w on w.ord = b.by
    left join new_signals n on n.id = w.id
    order by src.ord
  loop
    ord := r.ord;
    if r.answered then
      signal_id := r.id;
      reference_code := r.code;
      created := coalesce(r.writes, false);
      if created then
        v_new := v_new || (r.ord + 1);
      end if;
    else
      -- Another transaction stored a signal with this provider id first: answer that one, and
      -- keep nothing new.
      if r.writes then
        delete from signalers where id = r.signaler_id;
      end if;
      select s.id, s.reference_code into signal_id, reference_code from signals s
        where s.hotline_id = r.hotline_id and s.channel = r.channel and s.provider_id = r.provider_id;
      created := false;
    end if;
    return next;
  end loop;

  -- Live inboxes hear of the new signals once the transaction commits.
  perform pg_notify(p_notify_channel, json_build_object('hotlineId', p_hotline[i]::text,
      'signalId', v_ids[i], 'channel', p_channel[i], 'event', 'created')::text)
    from unnest(v_new) as i;
end $$;

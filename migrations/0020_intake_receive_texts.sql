-- The texts of a group-commit batch in one round trip. Each argument is an array with one element
-- per text, in arrival order. First every texter's advisory lock is taken, in one fixed order, so
-- two batches holding texts from the same numbers wait for each other instead of deadlocking. Then,
-- text by text and in order (each statement takes a new snapshot, so it sees the work of whoever
-- held the lock, and of the texts before it): a MessageSid already stored is a replay and stores
-- nothing; a text from a number with an open conversation is appended to it (message, updated_at,
-- audit row, notification); otherwise it opens a new conversation as intake_record_signal (0011)
-- does for any channel: the signaler (same phone in the hotline, else new), the signal, its first
-- message, the audit row and the notification. STOP records the opt-out, START lifts it.
-- A message's time is the text's arrival at the server (p_received_at, to the microsecond and
-- increasing in each process), so a thread shows texts in the order they came even when two
-- arrived together and went to different transactions. Answers one row per text, numbered from 0.
create function intake_receive_texts(
  p_hotline uuid[], p_sid text[], p_thread_key text[], p_phone text[], p_body text[], p_meta jsonb[],
  p_code text[], p_received_at timestamptz[], p_language text[], p_state text[], p_state_inferred boolean[],
  p_content jsonb[], p_opt_out text[],
  p_actor_user uuid[], p_actor_label text[], p_actor_ip text[], p_notify_channel text
) returns table (ord int, replay boolean, signal_id uuid, message_id uuid, created boolean)
language plpgsql set plan_cache_mode = force_generic_plan as $$
declare
  v_key int;
  v_open uuid;
  v_signaler uuid;
  v_new_signaler boolean;
begin
  for v_key in
    select distinct hashtext('sms:' || h::text || ':' || k) from unnest(p_hotline, p_thread_key) as t(h, k) order by 1
  loop
    perform pg_advisory_xact_lock(v_key);
  end loop;

  for i in 1 .. coalesce(array_length(p_sid, 1), 0) loop
    ord := i - 1;
    v_open := null;
    select m.signal_id, m.id into signal_id, message_id from signal_messages m
      where m.hotline_id = p_hotline[i] and m.channel = 'text' and m.provider_id = p_sid[i];
    if found then
      replay := true;
      created := false;
      return next;
      continue;
    end if;
    replay := false;

    select s.id into v_open from signals s
      where s.hotline_id = p_hotline[i] and s.channel = 'text' and s.thread_key = p_thread_key[i]
        and s.status <> 'closed'
      order by s.received_at desc limit 1;
    if v_open is not null then
      insert into signal_messages (hotline_id, signal_id, channel, direction, provider_id, body, meta, created_at)
        values (p_hotline[i], v_open, 'text', 'in', p_sid[i], p_body[i], p_meta[i], p_received_at[i])
        returning id into message_id;
      update signals set updated_at = now() where id = v_open;
      insert into audit_events (hotline_id, actor_user_id, actor_label, action, subject_type, subject_id, ip, details)
        values (p_hotline[i], p_actor_user[i], p_actor_label[i], 'signal.message_received', 'signal', v_open::text,
          p_actor_ip[i], jsonb_build_object('channel', 'text', 'attachments', 0));
      perform pg_notify(p_notify_channel, json_build_object('hotlineId', p_hotline[i]::text, 'signalId', v_open,
        'channel', 'text', 'event', 'message')::text);
      signal_id := v_open;
      created := false;
    else
      v_signaler := null;
      v_new_signaler := false;
      if p_phone[i] is not null then
        select p.id into v_signaler from signalers p where p.hotline_id = p_hotline[i] and p.phone = p_phone[i]
          order by p.created_at desc limit 1;
      end if;
      if v_signaler is null then
        insert into signalers (hotline_id, role, phone, updated_at)
          values (p_hotline[i], 'other', p_phone[i], now())
          returning id into v_signaler;
        v_new_signaler := true;
      end if;
      insert into signals as s (hotline_id, reference_code, channel, received_at, signaler_id, language, state,
        state_inferred, content, provider_id, thread_key, updated_at)
      values (p_hotline[i], p_code[i], 'text', p_received_at[i], v_signaler, p_language[i], p_state[i],
        p_state_inferred[i], p_content[i], p_sid[i], p_thread_key[i], now())
      on conflict (hotline_id, channel, provider_id) where provider_id is not null do nothing
      returning s.id into signal_id;
      if signal_id is null then
        -- A signal with this MessageSid is stored after all: answer it as a replay, keep nothing new.
        if v_new_signaler then
          delete from signalers where id = v_signaler;
        end if;
        select s.id into signal_id from signals s
          where s.hotline_id = p_hotline[i] and s.channel = 'text' and s.provider_id = p_sid[i];
        message_id := null;
        replay := true;
        created := false;
        return next;
        continue;
      end if;
      insert into signal_messages (hotline_id, signal_id, channel, direction, provider_id, body, meta, created_at)
        values (p_hotline[i], signal_id, 'text', 'in', p_sid[i], p_body[i], p_meta[i], p_received_at[i])
        returning id into message_id;
      insert into audit_events (hotline_id, actor_user_id, actor_label, action, subject_type, subject_id, ip, details)
        values (p_hotline[i], p_actor_user[i], p_actor_label[i], 'signal.received', 'signal', signal_id::text,
          p_actor_ip[i], jsonb_build_object('channel', 'text', 'stateInferred', p_state_inferred[i]));
      perform pg_notify(p_notify_channel, json_build_object('hotlineId', p_hotline[i]::text, 'signalId', signal_id,
        'channel', 'text', 'event', 'created')::text);
      created := true;
    end if;

    if p_opt_out[i] = 'stop' then
      insert into sms_opt_outs (hotline_id, phone) values (p_hotline[i], p_thread_key[i])
        on conflict (hotline_id, phone) do nothing;
    elsif p_opt_out[i] = 'start' then
      delete from sms_opt_outs where hotline_id = p_hotline[i] and phone = p_thread_key[i];
    end if;
    return next;
  end loop;
end $$;

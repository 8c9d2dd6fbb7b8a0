-- Intake's hot path as a function: PL/pgSQL keeps each statement's plan for the session, so a
-- signal no longer pays for planning a six-part statement every time (most of its cost on the
-- embedded engine). Same work and order as before: replay check on the provider id, the signaler
-- (same phone, else same email, in the hotline; otherwise new), the signal, its first message, the
-- audit row and the notification, all in the caller's transaction.
create function intake_record_signal(
  p_hotline uuid, p_reference_code text, p_channel text, p_received_at timestamptz,
  p_language text, p_state text, p_state_inferred boolean, p_city text, p_location_text text,
  p_content jsonb, p_provider_id text, p_thread_key text, p_append_secret_hash text,
  p_role text, p_name text, p_phone text, p_email text, p_signaler_language text,
  p_contact_safe boolean, p_contact_instructions text,
  p_message_direction text, p_message_body text, p_message_provider_id text, p_message_meta jsonb,
  p_message_sent_by uuid,
  p_actor_user uuid, p_actor_label text, p_actor_ip text, p_details jsonb, p_notify_channel text
) returns table (signal_id uuid, reference_code text, message_id uuid, created boolean)
language plpgsql set plan_cache_mode = force_generic_plan as $$
declare
  v_signaler uuid;
  v_new_signaler boolean := false;
  v_id uuid;
  v_code text;
  v_message uuid;
begin
  if p_provider_id is not null then
    select s.id, s.reference_code into v_id, v_code from signals s
      where s.hotline_id = p_hotline and s.channel = p_channel and s.provider_id = p_provider_id;
    if v_id is not null then
      return query select v_id, v_code, null::uuid, false;
      return;
    end if;
  end if;

  if p_phone is not null then
    select p.id into v_signaler from signalers p where p.hotline_id = p_hotline and p.phone = p_phone
      order by p.created_at desc limit 1;
  elsif p_email is not null then
    select p.id into v_signaler from signalers p where p.hotline_id = p_hotline and p.email = p_email
      order by p.created_at desc limit 1;
  end if;
  if v_signaler is null then
    insert into signalers (hotline_id, role, name, phone, email, language, contact_safe, contact_instructions, updated_at)
      values (p_hotline, p_role, p_name, p_phone, p_email, p_signaler_language, p_contact_safe,
        p_contact_instructions, now())
      returning id into v_signaler;
    v_new_signaler := true;
  end if;

  insert into signals as s (hotline_id, reference_code, channel, received_at, signaler_id, language, state,
    state_inferred, city, location_text, content, provider_id, thread_key, append_secret_hash, updated_at)
  values (p_hotline, p_reference_code, p_channel, p_received_at, v_signaler, p_language, p_state,
    p_state_inferred, p_city, p_location_text, p_content, p_provider_id, p_thread_key, p_append_secret_hash, now())
  on conflict (hotline_id, channel, provider_id) where provider_id is not null do nothing
  returning s.id, s.reference_code into v_id, v_code;

  if v_id is null then
    -- Another delivery of the same contact committed first: answer that one, keep nothing new.
    if v_new_signaler then
      delete from signalers where id = v_signaler;
    end if;
    select s.id, s.reference_code into v_id, v_code from signals s
      where s.hotline_id = p_hotline and s.channel = p_channel and s.provider_id = p_provider_id;
    return query select v_id, v_code, null::uuid, false;
    return;
  end if;

  if p_message_direction is not null then
    insert into signal_messages (hotline_id, signal_id, channel, direction, provider_id, body, meta, sent_by)
      values (p_hotline, v_id, p_channel, p_message_direction, p_message_provider_id, p_message_body,
        p_message_meta, p_message_sent_by)
      returning id into v_message;
  end if;

  insert into audit_events (hotline_id, actor_user_id, actor_label, action, subject_type, subject_id, ip, details)
    values (p_hotline, p_actor_user, p_actor_label, 'signal.received', 'signal', v_id::text, p_actor_ip, p_details);

  perform pg_notify(p_notify_channel, json_build_object('hotlineId', p_hotline::text, 'signalId', v_id,
    'channel', p_channel, 'event', 'created')::text);

  return query select v_id, v_code, v_message, true;
end $$;

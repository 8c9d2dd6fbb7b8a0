-- A group-commit batch of new signals in one round trip: the rows come as one JSON array (each row
-- the arguments of intake_record_signal, in order) and each is recorded by intake_record_signal in
-- array order, so a later row sees the earlier ones (a provider id twice in one batch is stored
-- once). Answers one row per input row, numbered from 0.
create function intake_record_signals(p_rows jsonb)
returns table (ord int, signal_id uuid, reference_code text, message_id uuid, created boolean)
language plpgsql as $$
declare
  r jsonb;
  o record;
begin
  for i in 0 .. jsonb_array_length(p_rows) - 1 loop
    r := p_rows -> i;
    select * into o from intake_record_signal(
      (r->>0)::uuid, r->>1, r->>2, (r->>3)::timestamptz,
      r->>4, r->>5, (r->>6)::boolean, r->>7, r->>8,
      (r->>9)::jsonb, r->>10, r->>11, r->>12,
      r->>13, r->>14, r->>15, r->>16, r->>17,
      (r->>18)::boolean, r->>19,
      r->>20, r->>21, r->>22, (r->>23)::jsonb,
      (r->>24)::uuid,
      (r->>25)::uuid, r->>26, r->>27, (r->>28)::jsonb, r->>29);
    ord := i;
    signal_id := o.signal_id;
    reference_code := o.reference_code;
    message_id := o.message_id;
    created := o.created;
    return next;
  end loop;
end $$;

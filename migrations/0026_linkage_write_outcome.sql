-- Incremental linkage: what a scored record leads to, decided and written in one call. Before, a
-- record with candidates above the automatic threshold took two round trips after scoring: one to
-- read those candidates' clusters and the rejections around them, one to write. Now the function
-- reads them, joins the clusters in the order given (highest probability first), skipping a cluster
-- that holds a record someone rejected against the growing cluster, and writes the links, the
-- review items, the cluster ids and the audit record; it answers with what it linked.
--
-- p_mine: the record's cluster before linking (itself included). p_strong / p_strong_p: candidates
-- above the automatic threshold, highest first; p_review / p_review_p: those in the review band.
-- A review candidate that ends up in the cluster is not queued.
create function linkage_write_outcome(
  p_hotline uuid, p_type text, p_id uuid, p_mine uuid[],
  p_strong uuid[], p_strong_p double precision[],
  p_review uuid[], p_review_p double precision[],
  p_audit_hotline uuid, p_actor uuid, p_actor_label text, p_ip text)
returns table (linked uuid[], cluster_id uuid, queued integer)
language plpgsql
as $$
declare
  mine uuid[] := p_mine;
  seeds uuid[] := '{}';
  members uuid[] := '{}';
  rej_a uuid[] := '{}';
  rej_b uuid[] := '{}';
  theirs uuid[];
  joined uuid[] := '{}';
  joined_p double precision[] := '{}';
  queued_ids uuid[] := '{}';
  queued_p double precision[] := '{}';
  cluster uuid;
  i integer;
begin
  if cardinality(p_strong) > 0 then
    -- Each strong candidate's cluster, through active links.
    with recursive component(seed, id) as (
      select s, s from unnest(p_strong) as s
      union
      select c.seed, case when l.record_a = c.id then l.record_b else l.record_a end
        from component c
        join linkage_links l on (l.record_a = c.id or l.record_b = c.id)
       where l.undone_at is null and l.entity_type = p_type and l.hotline_id = p_hotline)
    select coalesce(array_agg(c.seed), '{}'), coalesce(array_agg(c.id), '{}') into seeds, members
      from component c;
    -- The rejections touching any record of those clusters or of the record's own.
    select coalesce(array_agg(d.record_a), '{}'), coalesce(array_agg(d.record_b), '{}') into rej_a, rej_b
      from linkage_decisions d
     where d.hotline_id = p_hotline and d.entity_type = p_type and d.decision = 'reject'
       and (d.record_a = any(members || p_mine) or d.record_b = any(members || p_mine));
    for i in 1 .. cardinality(p_strong) loop
      continue when p_strong[i] = any(mine);
      theirs := array(select m.id from unnest(seeds, members) as m(seed, id) where m.seed = p_strong[i]);
      continue when exists (
        select 1 from unnest(rej_a, rej_b) as r(a, b)
         where (r.a = any(mine) and r.b = any(theirs)) or (r.b = any(mine) and r.a = any(theirs)));
      mine := array(select distinct x from unnest(mine || theirs) as x);
      joined := joined || p_strong[i];
      joined_p := joined_p || p_strong_p[i];
    end loop;
  end if;
  for i in 1 .. coalesce(cardinality(p_review), 0) loop
    continue when p_review[i] = any(mine);
    queued_ids := queued_ids || p_review[i];
    queued_p := queued_p || p_review_p[i];
  end loop;
  cluster := case when cardinality(mine) > 1 then (select x from unnest(mine) as x order by x limit 1) end;

  if cardinality(joined) > 0 then
    insert into linkage_links (hotline_id, entity_type, record_a, record_b, probability, source, created_by)
    select p_hotline, p_type, least(p_id, o), greatest(p_id, o), p, 'auto', p_actor
      from unnest(joined, joined_p) as t(o, p);
  end if;
  if cardinality(queued_ids) > 0 then
    insert into linkage_review_items (hotline_id, entity_type, record_a, record_b, probability)
    select p_hotline, p_type, least(p_id, o), greatest(p_id, o), p
      from unnest(queued_ids, queued_p) as t(o, p)
    on conflict (hotline_id, entity_type, record_a, record_b) do update set probability = excluded.probability
    where linkage_review_items.status = 'open';
  end if;
  -- Cluster ids, where they differ (a record on its own has none). The table is named per type,
  -- each a plain statement so that its plan is kept.
  if p_type = 'person' then
    update persons set cluster_id = cluster
     where hotline_id = p_hotline and id = any(mine) and persons.cluster_id is distinct from cluster;
  elsif p_type = 'business' then
    update businesses set cluster_id = cluster
     where hotline_id = p_hotline and id = any(mine) and businesses.cluster_id is distinct from cluster;
  elsif p_type = 'signaler' then
    update signalers set cluster_id = cluster
     where hotline_id = p_hotline and id = any(mine) and signalers.cluster_id is distinct from cluster;
  else
    raise exception 'unknown record type %', p_type;
  end if;
  insert into audit_events (hotline_id, actor_user_id, actor_label, action, subject_type, subject_id, ip, details)
  values (p_audit_hotline, p_actor, p_actor_label, 'linkage.link', p_type, p_id::text, p_ip,
          jsonb_build_object('linked', to_jsonb(joined::text[]), 'queuedForReview', cardinality(queued_ids)));
  return query select joined, cluster, cardinality(queued_ids);
end $$;

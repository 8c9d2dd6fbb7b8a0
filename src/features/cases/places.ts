/** Businesses and locations of a case. */
import type { Actor } from '../../platform/auth/actor';
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { notFound } from '../../platform/errors';
import { linkBusiness } from '../linkage/service';
import { normalisePhone } from './contact';
import { caseFactsChanged } from './fact-hooks';
import * as store from './store';

export async function addBusiness(
  q: Queryable,
  actor: Actor,
  who: AuditActor,
  caseId: string,
  body: {
    name: string;
    typology?: string | null | undefined;
    address?: string | null | undefined;
    city?: string | null | undefined;
    state?: string | null | undefined;
    phone?: string | null | undefined;
  },
) {
  if (!(await store.findCase(q, actor.hotlineId, caseId))) throw notFound('case');
  const row = await q
    .insertInto('businesses')
    .values({
      hotline_id: actor.hotlineId,
      name: body.name,
      typology: body.typology ?? null,
      address: body.address ?? null,
      city: body.city ?? null,
      state: body.state ?? null,
      phone: body.phone ? normalisePhone(body.phone) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await q
    .insertInto('case_businesses')
    .values({ case_id: caseId, business_id: row.id, hotline_id: actor.hotlineId })
    .execute();
  await linkBusiness(q, { hotlineId: actor.hotlineId, who }, row.id);
  return { id: row.id };
}

export async function addLocation(
  q: Queryable,
  actor: Actor,
  caseId: string,
  body: {
    venueType: string;
    address?: string | null | undefined;
    city?: string | null | undefined;
    county?: string | null | undefined;
    state?: string | null | undefined;
  },
) {
  if (!(await store.findCase(q, actor.hotlineId, caseId))) throw notFound('case');
  const location = await q
    .insertInto('locations')
    .values({
      hotline_id: actor.hotlineId,
      case_id: caseId,
      venue_type: body.venueType,
      address: body.address ?? null,
      city: body.city ?? null,
      county: body.county ?? null,
      state: body.state ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await caseFactsChanged(q, { hotlineId: actor.hotlineId, caseId });
  return location;
}

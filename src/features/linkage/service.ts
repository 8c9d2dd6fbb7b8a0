/**
 * Incremental record linkage: call after adding or changing a person, business or signaler.
 *
 *   await linkPerson(trx, { hotlineId, who }, personId);
 *
 * It finds candidates through the database (shared blocking keys: sound-alike names, phone, email,
 * birth date; and names one edit away in a word), scores them with the hotline's model, links those above
 * the automatic threshold (never against a person's rejection), queues the doubtful ones for
 * review, rewrites cluster_id for the records it touched, and audits what it did.
 */
import { systemActor, type AuditActor } from '../../platform/audit/audit';
import { notFound } from '../../platform/errors';
import type { Queryable } from '../../platform/db/transaction';
import { DEFAULT_RULES, hashKey } from './engine/blocking';
import { compare } from './engine/comparisons';
import { DEFAULT_SETTINGS } from './engine/link';
import { prepare, type LinkRecord, type Prepared } from './engine/record';
import { pairWeight, probabilityOf, weightsOf } from './engine/score';
import { refreshClusters } from './clusters';
import { searchName } from './entities';
import {
  recordWithSurroundings,
  refreshKeysAndFindCandidates,
  writeOutcome,
  type Surroundings,
} from './incremental';
import { modelFor } from './model-cache';
import type { EntityType } from './tables';

export interface LinkageScope {
  hotlineId: string;
  /** Who caused it (the advocate saving a person, an import, a CLI run): named in the audit trail. */
  who: AuditActor;
}

export interface LinkOutcome {
  clusterId: string | null;
  linked: Array<{ id: string; probability: number }>;
  queuedForReview: number;
}

/** Candidates scored per record: enough for one person's mentions, few enough to stay fast. */
const CANDIDATE_LIMIT = 60;

export const blockingHashes = (p: Prepared): number[] =>
  p.empty
    ? []
    : DEFAULT_RULES.flatMap((rule, r) =>
        rule
          .keys(p)
          .filter(Boolean)
          .map((k) => hashKey(r, k)),
      );

/**
 * `inserted`: the record as the caller has just inserted it in this transaction (its columns as
 * returned by the insert). A new record has no cluster, no links and no decisions yet, so nothing
 * needs reading; a changed record is always read again.
 */
export async function linkRecord(
  q: Queryable,
  scope: LinkageScope,
  type: EntityType,
  id: string,
  inserted?: LinkRecord,
): Promise<LinkOutcome> {
  const { hotlineId } = scope;
  const found: Surroundings | undefined =
    inserted && inserted.id === id
      ? { record: inserted, members: new Set([id]), decided: new Map() }
      : await recordWithSurroundings(q, hotlineId, type, id);
  if (!found) throw notFound(type);
  const { record, decided } = found;
  const self = prepare(record);
  const hashes = blockingHashes(self);
  const name = self.empty ? '' : searchName(record);
  const candidates = (
    await refreshKeysAndFindCandidates(q, hotlineId, type, id, hashes, name, self.empty ? 0 : CANDIDATE_LIMIT)
  ).map(prepare);
  if (self.empty) {
    // Nothing to compare: kept as a cluster of one.
    const clusterId = (await refreshClusters(q, hotlineId, type, [id])).get(id) ?? null;
    return { clusterId, linked: [], queuedForReview: 0 };
  }
  const params = await modelFor(q, hotlineId, type);
  const weights = weightsOf(params);
  const scored = candidates
    .filter((c) => !c.empty)
    .map((c) => ({
      id: c.id,
      probability: probabilityOf(pairWeight(params, weights, self, compare(self, c).levels, 0)),
    }))
    .sort((a, b) => b.probability - a.probability);
  const open = scored.filter(
    (c) =>
      c.probability >= DEFAULT_SETTINGS.reviewThreshold && !decided.has(c.id) && !found.members.has(c.id),
  );
  const strong = open.filter((c) => c.probability >= DEFAULT_SETTINGS.matchThreshold);
  const review = open.filter((c) => c.probability < DEFAULT_SETTINGS.matchThreshold);
  const written = await writeOutcome(q, hotlineId, type, id, found.members, { strong, review }, scope.who);
  const linked = new Set(written.linked);
  return {
    clusterId: written.clusterId,
    linked: strong.filter((c) => linked.has(c.id)),
    queuedForReview: written.queued,
  };
}

/** `inserted`: the person just inserted in this transaction, as the insert returned it (see linkRecord). */
export const linkPerson = (
  q: Queryable,
  scope: LinkageScope,
  personId: string,
  inserted?: LinkRecord,
): Promise<LinkOutcome> => linkRecord(q, scope, 'person', personId, inserted);

export const linkBusiness = (q: Queryable, scope: LinkageScope, businessId: string): Promise<LinkOutcome> =>
  linkRecord(q, scope, 'business', businessId);

export const linkSignaler = (q: Queryable, scope: LinkageScope, signalerId: string): Promise<LinkOutcome> =>
  linkRecord(q, scope, 'signaler', signalerId);

/**
 * For imports: links every new mention of a batch, one after another, in the caller's transaction.
 * Its shape fits the imports feature's re-cluster hook (`setReclusterHook(linkImportedBatch)`).
 */
export async function linkImportedBatch(
  q: Queryable,
  batch: { hotlineId: string; personIds: string[]; businessIds: string[]; signalerIds: string[] },
  who: AuditActor = systemActor('system:linkage-import', batch.hotlineId),
): Promise<void> {
  const scope = { hotlineId: batch.hotlineId, who };
  for (const id of batch.personIds) await linkPerson(q, scope, id);
  for (const id of batch.businessIds) await linkBusiness(q, scope, id);
  for (const id of batch.signalerIds) await linkSignaler(q, scope, id);
}

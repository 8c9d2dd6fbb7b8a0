import { z } from 'zod';

export const EntityTypeSchema = z.enum(['person', 'business', 'signaler']);

export const IdParams = z.object({ id: z.string().uuid() });
export const RecordParams = z.object({ entityType: EntityTypeSchema, id: z.string().uuid() });

export const ReviewQuery = z.object({
  entityType: EntityTypeSchema.default('person'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** What a reviewer sees of a record: enough to judge, nothing else. */
export const RecordSummary = z.object({
  id: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  ageYears: z.number().nullable(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  clusterId: z.string().nullable(),
});

export const ExplanationSchema = z.object({
  prior: z.number(),
  terms: z.array(z.object({ field: z.string(), label: z.string(), level: z.string(), weight: z.number() })),
  totalWeight: z.number(),
  probability: z.number(),
  swappedNames: z.boolean(),
});

export const ReviewItem = z.object({
  id: z.string(),
  entityType: EntityTypeSchema,
  probability: z.number(),
  status: z.enum(['open', 'confirmed', 'rejected', 'superseded']),
  createdAt: z.date(),
  recordA: RecordSummary,
  recordB: RecordSummary,
});

export const ReviewList = z.object({ items: z.array(ReviewItem) });
export const ReviewDetail = ReviewItem.extend({ explanation: ExplanationSchema });

export const ExplainQuery = z.object({
  entityType: EntityTypeSchema.default('person'),
  a: z.string().uuid(),
  b: z.string().uuid(),
});
export const PairExplanation = z.object({
  recordA: RecordSummary,
  recordB: RecordSummary,
  explanation: ExplanationSchema,
});

export const ClusterOutcome = z.object({ clusterIds: z.record(z.string(), z.string().nullable()) });

export const ClusterLinks = z.object({
  links: z.array(
    z.object({
      id: z.string(),
      recordA: z.string(),
      recordB: z.string(),
      probability: z.number(),
      source: z.enum(['auto', 'confirmed', 'batch']),
      createdAt: z.date(),
    }),
  ),
});

export type RecordSummary = z.infer<typeof RecordSummary>;
export type ReviewItem = z.infer<typeof ReviewItem>;

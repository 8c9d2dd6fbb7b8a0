import { z } from 'zod';

/** What an advocate may share with a partner, field by field, with the person's consent. */
export const SHAREABLE_FIELDS = [
  'given_name',
  'family_name',
  'age',
  'gender',
  'languages',
  'phones',
  'emails',
  'nationality',
  'case_summary',
  'trafficking_type',
  'location_state',
] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

export const CreateReferralBody = z.object({
  personId: z.uuid(),
  serviceIds: z.array(z.string().min(1).max(200)).min(1).max(10),
  consent: z.object({
    method: z.enum(['verbal', 'written', 'guardian']),
    recordedAt: z.iso.datetime({ offset: true }).optional(),
  }),
  sharedFields: z.array(z.enum(SHAREABLE_FIELDS)).max(SHAREABLE_FIELDS.length),
  /** A note for the partner, written to be shared. */
  message: z.string().trim().max(2000).optional(),
  respondWithinHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
});

export const ReferralParams = z.object({ id: z.uuid() });
export const DeclineBody = z.object({ reason: z.string().trim().min(3).max(2000) });
export const RevokeBody = z.object({ reason: z.string().trim().min(3).max(2000) });

export const Referral = z.object({
  id: z.string(),
  caseId: z.string(),
  personId: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  status: z.enum(['sent', 'accepted', 'declined', 'completed', 'revoked']),
  consentMethod: z.string(),
  consentRecordedAt: z.string(),
  sharedFields: z.array(z.string()),
  respondBy: z.string(),
  remindedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  revokeReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ReferralList = z.object({ referrals: z.array(Referral) });

/** What a partner sees: the referral and exactly the shared fields, nothing of the case beyond them. */
export const PartnerReferral = z.object({
  id: z.string(),
  serviceName: z.string(),
  status: z.enum(['sent', 'accepted', 'declined', 'completed', 'revoked']),
  sharedFields: z.array(z.string()),
  shared: z.record(z.string(), z.unknown()),
  respondBy: z.string(),
  declineReason: z.string().nullable(),
  createdAt: z.string(),
});
export const PartnerReferralList = z.object({ referrals: z.array(PartnerReferral) });
export type Referral = z.infer<typeof Referral>;

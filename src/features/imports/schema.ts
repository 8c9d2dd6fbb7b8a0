/**
 * One line of an import file (NDJSON): a case with its people, businesses and locations, or a
 * signal with its signaler and the cases it belongs to. docs/import.schema.json is generated from
 * these schemas (`npm run waymark -- import --schema`), so the document and the check cannot drift.
 */
import { z } from 'zod';
import { ALL_PLACE_CODES, VENUE_TYPES, TYPOLOGY } from '../statistics/vocabulary';

const ExternalId = z
  .string()
  .min(1)
  .max(200)
  .describe("The record's id in the system it comes from; re-importing the same id changes nothing.");
const Instant = z.iso.datetime({ offset: true });
const PlaceCode = z.enum(ALL_PLACE_CODES as [string, ...string[]]);
const Text = (max: number) => z.string().min(1).max(max);

export const ImportPerson = z
  .object({
    id: ExternalId.describe(
      'Id of this person record in the source system. The same id in two cases is one record; ' +
        'different ids for one real person are joined later by record linkage.',
    ),
    role: z.enum(['victim', 'trafficker', 'other']),
    fullName: Text(300).optional(),
    givenName: Text(150).optional(),
    familyName: Text(150).optional(),
    aliases: z.array(Text(300)).max(50).optional(),
    gender: z.enum(['female', 'male', 'gender_minority', 'not_reported']).optional(),
    ageYears: z.number().int().min(0).max(120).optional(),
    birthDate: z.iso.date().optional(),
    isMinor: z.boolean().optional().describe('Under 18 at the time of the trafficking.'),
    nationality: z
      .string()
      .regex(/^[A-Z]{3}$/, 'ISO 3166-1 alpha-3 code, e.g. USA')
      .optional(),
    phones: z.array(Text(40)).max(20).optional(),
    emails: z.array(z.email()).max(20).optional(),
  })
  .strict();

export const ImportGroup = z
  .object({
    role: z.enum(['victim', 'trafficker', 'other']),
    count: z.number().int().min(1).max(100000),
    description: Text(500).optional(),
    includesMinors: z.boolean().optional(),
  })
  .strict()
  .describe('People known only as a number ("about ten workers").');

export const ImportBusiness = z
  .object({
    id: ExternalId,
    name: Text(300),
    typology: z.enum([...TYPOLOGY.keys()] as [string, ...string[]]).optional(),
    address: Text(500).optional(),
    city: Text(200).optional(),
    state: PlaceCode.optional(),
    phone: Text(40).optional(),
  })
  .strict();

export const ImportLocation = z
  .object({
    venueType: z.enum(VENUE_TYPES as [string, ...string[]]),
    address: Text(500).optional(),
    city: Text(200).optional(),
    county: Text(200).optional(),
    state: PlaceCode.optional(),
  })
  .strict();

export const ImportCase = z
  .object({
    type: z.literal('case'),
    id: ExternalId,
    referenceCode: Text(60).optional(),
    identifiedAt: Instant.describe('When the hotline identified the case: decides its period.'),
    recordedAt: Instant.optional().describe(
      'When the source system recorded it (default identifiedAt): decides which "as of" reports include it.',
    ),
    traffickingType: z.enum(['sex', 'labor', 'sex_and_labor', 'not_specified']),
    indicatorLevel: z.enum(['high', 'moderate', 'none']).optional(),
    status: z.enum(['open', 'active', 'referred', 'monitoring', 'closed']).optional(),
    closeReason: Text(200).optional(),
    summary: z.string().max(5000).optional(),
    locations: z.array(ImportLocation).max(200).default([]),
    persons: z.array(ImportPerson).max(5000).default([]),
    groups: z.array(ImportGroup).max(100).default([]),
    businesses: z.array(ImportBusiness).max(500).default([]),
  })
  .strict();

export const ImportSignaler = z
  .object({
    id: ExternalId,
    role: z.enum([
      'victim_survivor',
      'family_friend',
      'community_member',
      'service_provider',
      'law_enforcement',
      'other',
    ]),
    name: Text(300).optional(),
    phone: Text(40).optional(),
    email: z.email().optional(),
    language: Text(20).optional(),
  })
  .strict();

export const ImportSignal = z
  .object({
    type: z.literal('signal'),
    id: ExternalId,
    referenceCode: Text(60).optional(),
    channel: z.enum(['phone', 'webform', 'email', 'text', 'webchat']),
    receivedAt: Instant.describe('When the signal arrived: decides its period.'),
    recordedAt: Instant.optional(),
    category: z
      .enum([
        'crisis',
        'tip',
        'referral_request',
        'training_technical_assistance',
        'general_information',
        'high_risk',
        'non_substantive',
      ])
      .optional(),
    state: PlaceCode.optional().describe('The state the signal is about, when the signaler gave one.'),
    city: Text(200).optional(),
    language: Text(20).optional(),
    traffickingType: z.enum(['sex', 'labor', 'sex_and_labor', 'not_specified']).optional(),
    signaler: ImportSignaler.optional(),
    caseIds: z.array(ExternalId).max(100).default([]).describe('External ids of the cases it belongs to.'),
  })
  .strict();

export const ImportRecord = z.discriminatedUnion('type', [ImportCase, ImportSignal]);
export type ImportRecord = z.infer<typeof ImportRecord>;
export type ImportCase = z.infer<typeof ImportCase>;
export type ImportSignal = z.infer<typeof ImportSignal>;
export type ImportPerson = z.infer<typeof ImportPerson>;
export type ImportBusiness = z.infer<typeof ImportBusiness>;
export type ImportSignaler = z.infer<typeof ImportSignaler>;

export interface ImportIssue {
  line: number;
  field: string;
  message: string;
}

export interface ImportSummary {
  lines: number;
  cases: { created: number; skipped: number };
  signals: { created: number; skipped: number };
  persons: { created: number; reused: number };
  businesses: { created: number; reused: number };
  signalers: { created: number; reused: number };
  reclustered: boolean;
}

import { z } from 'zod';

export const SearchQuery = z.object({
  state: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .optional(),
  county: z.string().max(100).optional(),
  need: z.string().max(40).optional(),
  language: z.string().max(40).optional(),
  age: z.coerce.number().int().min(0).max(120).optional(),
  text: z.string().max(100).optional(),
});

export const ServiceSummary = z.object({
  id: z.string(),
  organizationId: z.string().nullable(),
  organizationName: z.string(),
  name: z.string(),
  description: z.string(),
  needs: z.array(z.string()),
  languages: z.array(z.string()),
  states: z.array(z.string()),
  counties: z.array(z.string()),
  genders: z.array(z.string()),
  minimumAge: z.number().nullable(),
  maximumAge: z.number().nullable(),
  phones: z.array(z.string()),
  url: z.string().nullable(),
  email: z.string().nullable(),
  score: z.number(),
});
export const ServiceList = z.object({ services: z.array(ServiceSummary) });

export const CaseMatchQuery = z.object({
  need: z.string().max(40).optional(),
  personId: z.uuid().optional(),
});
export const CaseMatches = z.object({
  criteria: z.object({
    state: z.string().nullable(),
    county: z.string().nullable(),
    language: z.string().nullable(),
    age: z.number().nullable(),
    need: z.string().nullable(),
  }),
  services: z.array(ServiceSummary),
});

import { z } from 'zod';
import { CaseStatusSchema, StateSchema } from '../cases/schema';
import { TraffickingTypeSchema } from '../screening/schema';

export const SearchQuery = z.object({
  q: z.string().trim().min(2, 'Type at least two characters').max(200),
  state: StateSchema.optional(),
  type: TraffickingTypeSchema.optional(),
  status: CaseStatusSchema.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchHit = z.object({
  kind: z.enum(['person', 'business', 'location', 'case']),
  id: z.string(),
  label: z.string(),
  matchedOn: z.enum(['name', 'phone', 'email', 'address', 'reference']),
  role: z.string().nullable(),
  score: z.number(),
  case: z.object({
    id: z.string(),
    referenceCode: z.string(),
    status: z.string(),
    traffickingType: z.string(),
  }),
});
export const SearchResult = z.object({
  mode: z.enum(['name', 'phone', 'email', 'reference']),
  items: z.array(SearchHit),
  nextCursor: z.string().nullable(),
  /**
   * Set when more people (or businesses, or places) match than the search ranks: the number it
   * ranked at most per kind of match. The query needs narrowing (a family name, a state, a phone).
   */
  moreThan: z.number().int().nullable(),
});

/** What the case routes answer: only what is listed here leaves the server. */
import { z } from 'zod';

const Staff = z.object({ id: z.string(), displayName: z.string() }).nullable();
const TimelineEntry = z.object({
  kind: z.string(),
  at: z.date(),
  refId: z.string(),
  label: z.string().nullable(),
  body: z.string().nullable(),
  by: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const Timeline = z.object({ items: z.array(TimelineEntry), nextCursor: z.string().nullable() });

export const CaseDetail = z.object({
  id: z.string(),
  referenceCode: z.string(),
  version: z.number(),
  summary: z.string(),
  traffickingType: z.string(),
  indicatorLevel: z.string().nullable(),
  status: z.string(),
  closeReason: z.string().nullable(),
  identifiedAt: z.date(),
  closedAt: z.date().nullable(),
  assignedTo: Staff,
  meansOfControl: z.array(z.string()),
  people: z.array(
    z.object({
      id: z.string(),
      role: z.string(),
      isMinor: z.boolean().nullable(),
      fullName: z.string().nullable(),
      aliases: z.array(z.string()),
      birthDate: z.string().nullable(),
      ageYears: z.number().nullable(),
      gender: z.string().nullable(),
      nationality: z.string().nullable(),
      languages: z.array(z.string()),
      phones: z.array(z.string()),
      emails: z.array(z.string()),
      identifyingDetails: z.string().nullable(),
      version: z.number(),
    }),
  ),
  groups: z.array(
    z.object({
      id: z.string(),
      role: z.string(),
      count: z.number(),
      description: z.string().nullable(),
      includesMinors: z.boolean().nullable(),
    }),
  ),
  businesses: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      typology: z.string().nullable(),
      address: z.string().nullable(),
      city: z.string().nullable(),
      state: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  locations: z.array(
    z.object({
      id: z.string(),
      venueType: z.string(),
      address: z.string().nullable(),
      city: z.string().nullable(),
      county: z.string().nullable(),
      state: z.string().nullable(),
    }),
  ),
  tasks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dueAt: z.date().nullable(),
      assignee: Staff,
      completedAt: z.date().nullable(),
      version: z.number(),
    }),
  ),
  signals: z.array(
    z.object({
      id: z.string(),
      referenceCode: z.string(),
      channel: z.string(),
      receivedAt: z.date(),
      category: z.string().nullable(),
    }),
  ),
  timeline: Timeline,
});

export const CaseSummary = z.object({
  id: z.string(),
  referenceCode: z.string(),
  status: z.string(),
  traffickingType: z.string(),
  indicatorLevel: z.string().nullable(),
  identifiedAt: z.date(),
  assignedTo: Staff,
});
export const CaseList = z.object({ items: z.array(CaseSummary), nextCursor: z.string().nullable() });
export const Opened = z.object({ id: z.string(), referenceCode: z.string(), version: z.number() });
export const Saved = z.object({ id: z.string(), version: z.number() });
export const StatusSaved = z.object({ id: z.string(), version: z.number(), status: z.string() });
export const Created = z.object({ id: z.string() });
export const Attached = z.object({ ok: z.literal(true), added: z.boolean() });
export const PersonAdded = z.object({ id: z.string(), role: z.string(), isMinor: z.boolean().nullable() });
export const TaskList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dueAt: z.date().nullable(),
      overdue: z.boolean(),
      version: z.number(),
      caseId: z.string().nullable(),
      caseReference: z.string().nullable(),
      assignee: Staff,
    }),
  ),
  nextCursor: z.string().nullable(),
});
export const Assignees = z.object({
  items: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string() })),
});
export const CloseCheckResponse = z.object({
  ok: z.boolean(),
  blockers: z.array(z.object({ guard: z.string(), message: z.string() })),
});

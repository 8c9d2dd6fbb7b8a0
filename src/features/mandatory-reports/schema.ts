import { z } from 'zod';

export const CaseParams = z.object({ caseId: z.uuid() });
export const ReportParams = z.object({ id: z.uuid() });
export const ConsentParams = z.object({ caseId: z.uuid(), personId: z.uuid() });

const Channel = z.object({ type: z.string(), value: z.string() });

export const RequiredReport = z.object({
  id: z.string(),
  caseId: z.string(),
  caseReference: z.string().optional(),
  jurisdiction: z.string(),
  ruleId: z.string(),
  basis: z.enum(['law', 'consent']).nullable(),
  title: z.object({ en: z.string(), es: z.string() }).nullable(),
  agency: z
    .object({
      id: z.string(),
      name: z.object({ en: z.string(), es: z.string() }),
      channels: z.array(Channel),
    })
    .nullable(),
  raisedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  status: z.enum(['due', 'filed', 'waived']),
  filedAt: z.string().nullable(),
  filedMethod: z.string().nullable(),
  filedTo: z.string().nullable(),
  referenceNumber: z.string().nullable(),
  waiveReason: z.string().nullable(),
  waivedAt: z.string().nullable(),
  version: z.number(),
});
export type RequiredReport = z.infer<typeof RequiredReport>;
export const RequiredReportList = z.object({ reports: z.array(RequiredReport) });

export const DueQuery = z.object({ view: z.enum(['due', 'overdue']).default('due') });

export const FileBody = z.object({
  filedAt: z.iso.datetime({ offset: true }),
  method: z.enum(['phone', 'online_form', 'email', 'in_person', 'other']),
  filedTo: z.string().trim().min(1).max(300),
  referenceNumber: z.string().trim().max(200).optional(),
  version: z.number().int().positive(),
});
export const WaiveBody = z.object({
  reason: z.string().trim().min(5).max(2000),
  version: z.number().int().positive(),
});
export const ConsentBody = z.object({ consents: z.boolean() });

import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type FiledMethod = 'phone' | 'online_form' | 'email' | 'in_person' | 'other';

export interface RequiredReportsTable {
  id: Generated<string>;
  hotline_id: string;
  case_id: string;
  jurisdiction: string;
  rule_id: string;
  agency: string;
  raised_at: Timestamp;
  due_at: Timestamp;
  status: Generated<'due' | 'filed' | 'waived'>;
  filed_at: Date | null;
  filed_method: FiledMethod | null;
  filed_to: string | null;
  reference_number: string | null;
  filed_by: string | null;
  waive_reason: string | null;
  waived_by: string | null;
  waived_at: Date | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface LawEnforcementConsentsTable {
  case_id: string;
  person_id: string;
  hotline_id: string;
  consents: boolean;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

declare module '../../platform/db/schema' {
  interface DB {
    required_reports: RequiredReportsTable;
    law_enforcement_consents: LawEnforcementConsentsTable;
  }
}

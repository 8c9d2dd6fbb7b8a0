import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'completed' | 'revoked';

export interface ReferralsTable {
  id: Generated<string>;
  hotline_id: string;
  case_id: string;
  person_id: string;
  service_id: string;
  organization_id: string;
  status: Generated<ReferralStatus>;
  consent_method: 'verbal' | 'written' | 'guardian';
  consent_recorded_at: Timestamp;
  shared_fields: string[];
  shared: ColumnType<unknown, string, string>;
  respond_by: Timestamp;
  reminded_at: Date | null;
  decline_reason: string | null;
  revoke_reason: string | null;
  responded_at: Date | null;
  responded_by: string | null;
  completed_at: Date | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/db/schema' {
  interface DB {
    referrals: ReferralsTable;
  }
}

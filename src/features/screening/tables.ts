import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export interface ScreeningChecklistsTable {
  hotline_id: string | null;
  version: string;
  definition: Json;
  seq: number | null;
  based_on: string | null;
  note: string | null;
  published_by: string | null;
  created_at: CreatedAt;
}

export interface SignalScreeningsTable {
  id: Generated<string>;
  hotline_id: string;
  signal_id: string;
  checklist_version: string;
  answers: Json;
  suggested_category: string;
  suggested_trafficking_type: string;
  suggested_indicator_level: string;
  reasons: Json;
  category: string;
  trafficking_type: string;
  indicator_level: string;
  overridden: Generated<boolean>;
  override_reason: string | null;
  screened_by: string | null;
  created_at: CreatedAt;
}

declare module '../../platform/db/schema' {
  interface DB {
    screening_checklists: ScreeningChecklistsTable;
    signal_screenings: SignalScreeningsTable;
  }
}

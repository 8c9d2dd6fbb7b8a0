import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface CaseMeansOfControlTable {
  case_id: string;
  hotline_id: string;
  code: string;
}

export interface CaseEventsTable {
  id: Generated<number>;
  hotline_id: string;
  case_id: string;
  at: CreatedAt;
  actor_id: string | null;
  kind: string;
  case_version: number;
  details: ColumnType<unknown, string | undefined, string>;
}

/** Columns this feature adds to core tables (migrations/0006_cases.sql). */
interface PersonsSearchColumns {
  search_names: ColumnType<string, string | undefined, string>;
}

declare module '../../platform/db/schema' {
  interface DB {
    case_means_of_control: CaseMeansOfControlTable;
    case_events: CaseEventsTable;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PersonsTable extends PersonsSearchColumns {}
}

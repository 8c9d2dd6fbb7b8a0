import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;

export type HsdsKind =
  | 'organization'
  | 'service'
  | 'location'
  | 'service_at_location'
  | 'phone'
  | 'address'
  | 'schedule'
  | 'contact'
  | 'language'
  | 'service_area'
  | 'taxonomy_term'
  | 'attribute';

export interface DirectoryRecordsTable {
  kind: HsdsKind;
  id: string;
  parent_kind: HsdsKind | null;
  parent_id: string | null;
  seq: Generated<string>;
  data: Json;
  imported_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DirectoryServiceIndexTable {
  service_id: string;
  organization_id: string | null;
  organization_name: string;
  name: string;
  description: string;
  status: string;
  needs: string[];
  languages: string[];
  states: string[];
  counties: string[];
  genders: string[];
  minimum_age: ColumnType<string | null, number | null, number | null>;
  maximum_age: ColumnType<string | null, number | null, number | null>;
  search_text: string;
}

declare module '../../platform/db/schema' {
  interface DB {
    directory_records: DirectoryRecordsTable;
    directory_service_index: DirectoryServiceIndexTable;
  }
}

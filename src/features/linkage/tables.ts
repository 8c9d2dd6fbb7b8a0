/** Row types of the linkage tables (migrations/0004_linkage.sql), merged into the database type. */
import type { ColumnType, Generated } from 'kysely';

export type EntityType = 'person' | 'business' | 'signaler';
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export interface LinkageKeysTable {
  hotline_id: string;
  entity_type: EntityType;
  record_id: string;
  key_hash: number;
}

export interface LinkageNamesTable {
  entity_type: EntityType;
  record_id: string;
  hotline_id: string;
  name_norm: string;
}

/**
 * Every word of the stored names (pos 0) and each of its one-letter deletions with the position of
 * the letter deleted (migration 0017).
 */
export interface LinkageNameVariantsTable {
  hotline_id: string;
  entity_type: EntityType;
  variant: string;
  word: string;
  pos: number;
}

export interface LinkageModelsTable {
  hotline_id: string;
  entity_type: EntityType;
  params: Json;
  records: number;
  trained_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LinkageDecisionsTable {
  id: Generated<string>;
  hotline_id: string;
  entity_type: EntityType;
  record_a: string;
  record_b: string;
  decision: 'confirm' | 'reject';
  decided_by: string | null;
  decided_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LinkageLinksTable {
  id: Generated<string>;
  hotline_id: string;
  entity_type: EntityType;
  record_a: string;
  record_b: string;
  probability: number;
  source: 'auto' | 'confirmed' | 'batch';
  created_at: CreatedAt;
  created_by: string | null;
  undone_at: Date | null;
  undone_by: string | null;
  undone_reason: 'undo' | 'rerun' | null;
}

export interface LinkageReviewItemsTable {
  id: Generated<string>;
  hotline_id: string;
  entity_type: EntityType;
  record_a: string;
  record_b: string;
  probability: number;
  status: Generated<'open' | 'confirmed' | 'rejected' | 'superseded'>;
  created_at: CreatedAt;
  resolved_at: Date | null;
  resolved_by: string | null;
}

declare module '../../platform/db/schema' {
  interface DB {
    linkage_keys: LinkageKeysTable;
    linkage_names: LinkageNamesTable;
    linkage_name_variants: LinkageNameVariantsTable;
    linkage_models: LinkageModelsTable;
    linkage_decisions: LinkageDecisionsTable;
    linkage_links: LinkageLinksTable;
    linkage_review_items: LinkageReviewItemsTable;
  }
}

/** Pairs are stored with the smaller id first, so one pair has one row. */
export const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

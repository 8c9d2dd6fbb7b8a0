/** Columns migration 0005 adds to core tables, merged into the row types. */
declare module '../../platform/db/schema' {
  interface SignalsTable {
    external_id: string | null;
  }
  interface SignalersTable {
    external_id: string | null;
  }
}
export {};

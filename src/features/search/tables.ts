import type { ColumnType } from 'kysely';

/** The filter keys of a row's cases (migrations/0028_search_case_filters.sql): kept by triggers. */
interface CaseFiltersColumn {
  case_filters: ColumnType<string[], never, never>;
}

declare module '../../platform/db/schema' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PersonsTable extends CaseFiltersColumn {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface BusinessesTable extends CaseFiltersColumn {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface LocationsTable extends CaseFiltersColumn {}
}

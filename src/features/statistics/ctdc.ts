/**
 * Victim-level open data for research partners, in the field vocabulary of the Counter
 * Trafficking Data Collaborative, k-anonymised: every published row is identical, in every
 * column, to at least k-1 others. Rows are generalised first (coarser ages, citizenship, types),
 * then rows still in groups smaller than k are left out. No names, dates or places below country.
 */
import { sql } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../../platform/db/transaction';
import { CTDC_COLUMNS, type CtdcExport, type CtdcRow } from './ctdc-schema';

interface VictimRow {
  gender: string | null;
  age: number | null;
  minor: boolean | null;
  nationality: string | null;
  labour: boolean;
  sex: boolean;
  venues: string[] | null;
  n: number;
}

const ISO2: Record<string, string> = {
  USA: 'US',
  MEX: 'MX',
  GTM: 'GT',
  HND: 'HN',
  SLV: 'SV',
  PHL: 'PH',
  CHN: 'CN',
  IND: 'IN',
  UKR: 'UA',
};
const LABOUR: Record<string, string[]> = {
  typeOfLabourAgriculture: ['farm', 'agriculture_animal_husbandry', 'forestry_logging', 'landscaping'],
  typeOfLabourConstruction: ['construction_site', 'construction'],
  typeOfLabourDomesticWork: ['domestic_work'],
  typeOfLabourHospitality: ['restaurant', 'restaurants_food_service', 'hotels_hospitality'],
  typeOfLabourManufacturing: ['factory', 'factories_manufacturing'],
  typeOfLabourPeddling: ['peddling_begging', 'traveling_sales_crews'],
  typeOfLabourIllicitActivities: ['illicit_activities'],
};
const SEX: Record<string, string[]> = {
  typeOfSexPornography: ['pornography'],
  typeOfSexRemoteInteractiveServices: ['remote_interactive_sexual_acts'],
  typeOfSexPrivateSexualServices: ['personal_sexual_servitude'],
};

function ageBroad(age: number | null, level: number): string {
  if (age === null || level >= 2) return '';
  if (level === 1) return age < 18 ? '0--17' : age < 30 ? '18--29' : '30+';
  const bands: Array<[number, string]> = [
    [9, '0--8'],
    [18, '9--17'],
    [21, '18--20'],
    [24, '21--23'],
    [27, '24--26'],
    [30, '27--29'],
    [39, '30--38'],
    [48, '39--47'],
  ];
  return bands.find(([hi]) => age < hi)?.[1] ?? '48+';
}

function toRow(v: VictimRow, year: number, level: number): CtdcRow {
  const venues = new Set(v.venues ?? []);
  const has = (list: string[]): boolean => list.some((x) => venues.has(x));
  const flag = (b: boolean): string => (b ? '1' : '0');
  const detail = level < 2;
  const row = {
    yearOfRegistration: String(year),
    Datasource: 'Hotline',
    gender:
      level >= 3 || !v.gender
        ? ''
        : v.gender === 'female'
          ? 'Female'
          : v.gender === 'male'
            ? 'Male'
            : 'Transgender/NonConforming',
    ageBroad: ageBroad(v.age, level),
    majorityStatus: v.minor === null ? '' : v.minor ? 'Minor' : 'Adult',
    citizenship: !v.nationality
      ? ''
      : level >= 1
        ? v.nationality === 'USA'
          ? 'US'
          : 'Other'
        : (ISO2[v.nationality] ?? 'Other'),
    CountryOfExploitation: 'US',
    isForcedLabour: flag(v.labour),
    isSexualExploitation: flag(v.sex),
  } as CtdcRow;
  let anyLabour = false;
  for (const [col, slugs] of Object.entries(LABOUR)) {
    const on = detail && v.labour && has(slugs);
    anyLabour ||= on;
    row[col as keyof CtdcRow] = flag(on);
  }
  row.typeOfLabourOther = flag(detail && v.labour && !anyLabour);
  let anySex = false;
  for (const [col, slugs] of Object.entries(SEX)) {
    const on = detail && v.sex && has(slugs);
    anySex ||= on;
    row[col as keyof CtdcRow] = flag(on);
  }
  row.typeOfSexProstitution = flag(detail && v.sex && !anySex);
  return row;
}

const keyOf = (r: CtdcRow): string => CTDC_COLUMNS.map((c) => r[c]).join('\u0001');

function anonymise(
  victims: VictimRow[],
  year: number,
  level: number,
  k: number,
): { rows: CtdcRow[]; suppressed: number } {
  const rows = victims.flatMap((v) => Array.from({ length: v.n }, () => toRow(v, year, level)));
  const sizes = new Map<string, number>();
  for (const r of rows) sizes.set(keyOf(r), (sizes.get(keyOf(r)) ?? 0) + 1);
  const kept = rows.filter((r) => (sizes.get(keyOf(r)) ?? 0) >= k);
  return { rows: kept, suppressed: rows.length - kept.length };
}

/** The generalisation level is the least one that leaves out at most this share of victims. */
const MAX_SUPPRESSED_SHARE = 0.05;
const LEVELS = 4;

export async function ctdcExport(
  q: Queryable,
  req: { hotlineId: string; year: number; k: number },
): Promise<CtdcExport> {
  const from = new Date(Date.UTC(req.year, 0, 1));
  const to = new Date(Date.UTC(req.year + 1, 0, 1));
  const { rows: victims } = await sql<VictimRow>`
    with yc as (
      select c.id, c.trafficking_type,
        (select array_agg(distinct l.venue_type) from locations l where l.case_id = c.id) as venues
      from cases c where c.hotline_id = ${req.hotlineId} and c.identified_at >= ${from} and c.identified_at < ${to}
    )
    select max(p.gender) as gender, min(p.age_years) as age,
      bool_or(coalesce(cp.is_minor, p.age_years < 18)) as minor, max(p.nationality) as nationality,
      bool_or(yc.trafficking_type in ('labor', 'sex_and_labor')) as labour,
      bool_or(yc.trafficking_type in ('sex', 'sex_and_labor')) as sex,
      array_agg(distinct v) filter (where v is not null) as venues, 1 as n
    from yc
    join case_persons cp on cp.case_id = yc.id and cp.role = 'victim'
    join persons p on p.id = cp.person_id and p.hotline_id = ${req.hotlineId}
    left join lateral unnest(yc.venues) as v on true
    group by coalesce(p.cluster_id, p.id)
    union all
    select null, null, null, null, yc.trafficking_type in ('labor', 'sex_and_labor'),
      yc.trafficking_type in ('sex', 'sex_and_labor'), yc.venues, g.count
    from yc join case_person_groups g on g.case_id = yc.id and g.role = 'victim'
  `.execute(q);
  const total = victims.reduce((a, v) => a + v.n, 0);
  let chosen = { rows: [] as CtdcRow[], suppressed: total, level: LEVELS - 1 };
  for (let level = 0; level < LEVELS; level++) {
    const r = anonymise(victims, req.year, level, req.k);
    chosen = { ...r, level };
    if (r.suppressed <= total * MAX_SUPPRESSED_SHARE) break;
  }
  return {
    rows: chosen.rows,
    k: req.k,
    generalisation: chosen.level,
    suppressed: chosen.suppressed,
    victims: total,
  };
}

export function ctdcCsv(e: CtdcExport): string {
  return stringify([[...CTDC_COLUMNS], ...e.rows.map((r) => CTDC_COLUMNS.map((c) => r[c]))]);
}

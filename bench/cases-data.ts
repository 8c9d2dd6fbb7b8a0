/**
 * Bulk data for the cases benchmark, made inside PostgreSQL with generate_series: cases, two people
 * each (a victim and a trafficker), a location, a business for every fifth case, a note and a task.
 * Names repeat as real names do (about 150 first names x 300 family names).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema';

const FIRST = `{Maria,Jose,James,Mary,John,Patricia,Robert,Jennifer,Michael,Linda,William,Elizabeth,David,Barbara,Richard,Susan,Joseph,Jessica,Thomas,Sarah,Charles,Karen,Christopher,Nancy,Daniel,Lisa,Matthew,Betty,Anthony,Margaret,Mark,Sandra,Donald,Ashley,Steven,Kimberly,Paul,Emily,Andrew,Donna,Joshua,Michelle,Kenneth,Dorothy,Kevin,Carol,Brian,Amanda,George,Melissa,Edward,Deborah,Ronald,Stephanie,Timothy,Rebecca,Jason,Sharon,Jeffrey,Laura,Ryan,Cynthia,Jacob,Kathleen,Gary,Amy,Nicholas,Shirley,Eric,Angela,Jonathan,Helen,Stephen,Anna,Larry,Brenda,Justin,Pamela,Scott,Nicole,Brandon,Emma,Benjamin,Samantha,Samuel,Katherine,Gregory,Christine,Frank,Debra,Alexander,Rachel,Raymond,Catherine,Patrick,Carolyn,Jack,Janet,Dennis,Ruth,Jerry,Maria,Tyler,Heather,Aaron,Diane,Luis,Virginia,Carlos,Julie,Juan,Joyce,Miguel,Victoria,Jorge,Olivia,Pedro,Kelly,Diego,Christina,Alejandro,Lauren,Fernando,Joan,Ricardo,Evelyn,Eduardo,Judith,Javier,Megan,Rafael,Cheryl,Andres,Andrea,Oscar,Hannah,Sergio,Martha,Jasmine,Jacqueline,Darnell,Frances,Tamika,Gloria,Keisha,Ann,Andre,Teresa,Marcus,Kathryn}`;
const LAST = `{Smith,Johnson,Williams,Brown,Jones,Garcia,Miller,Davis,Rodriguez,Martinez,Hernandez,Lopez,Gonzalez,Wilson,Anderson,Thomas,Taylor,Moore,Jackson,Martin,Lee,Perez,Thompson,White,Harris,Sanchez,Clark,Ramirez,Lewis,Robinson,Walker,Young,Allen,King,Wright,Scott,Torres,Nguyen,Hill,Flores,Green,Adams,Nelson,Baker,Hall,Rivera,Campbell,Mitchell,Carter,Roberts,Gomez,Phillips,Evans,Turner,Diaz,Parker,Cruz,Edwards,Collins,Reyes,Stewart,Morris,Morales,Murphy,Cook,Rogers,Gutierrez,Ortiz,Morgan,Cooper,Peterson,Bailey,Reed,Kelly,Howard,Ramos,Kim,Cox,Ward,Richardson,Watson,Brooks,Chavez,Wood,James,Bennett,Gray,Mendoza,Ruiz,Hughes,Price,Alvarez,Castillo,Sanders,Patel,Myers,Long,Ross,Foster,Jimenez,Powell,Jenkins,Perry,Russell,Sullivan,Bell,Coleman,Butler,Henderson,Barnes,Gonzales,Fisher,Vasquez,Simmons,Romero,Jordan,Patterson,Alexander,Hamilton,Graham,Reynolds,Griffin,Wallace,Moreno,West,Cole,Hayes,Bryant,Herrera,Gibson,Ellis,Tran,Medina,Aguilar,Stevens,Murray,Ford,Castro,Marshall,Owens,Harrison,Fernandez,Mcdonald,Woods,Washington,Kennedy,Wells,Vargas,Henry,Chen,Freeman,Webb,Tucker,Guzman,Burns,Crawford,Olson,Simpson,Porter,Hunter,Gordon,Mendez,Silva,Shaw,Snyder,Mason,Dixon,Munoz,Hunt,Hicks,Holmes,Palmer,Wagner,Black,Robertson,Boyd,Rose,Stone,Salazar,Fox,Warren,Mills,Meyer,Rice,Schmidt,Garza,Daniels,Ferguson,Nichols,Stephens,Soto,Weaver,Ryan,Gardner,Payne,Grant,Dunn,Kelley,Spencer,Hawkins,Arnold,Pierce,Vazquez,Hansen,Peters,Santos,Hart,Bradley,Knight,Elliott,Cunningham,Duncan,Armstrong,Hudson,Carroll,Lane,Riley,Andrews,Alvarado,Ray,Delgado,Berry,Perkins,Hoffman,Johnston,Matthews,Pena,Richards,Contreras,Willis,Carpenter,Lawrence,Sandoval,Guerrero,George,Chapman,Rios,Estrada,Ortega,Watkins,Greene,Nunez,Wheeler,Valdez,Harper,Burke,Larson,Santiago,Maldonado,Morrison,Franklin,Carlson,Austin,Dominguez,Carr,Lawson,Jacobs,Obrien,Lynch,Singh,Vega,Bishop,Montgomery,Oliver,Jensen,Harvey,Williamson,Gilbert,Dean,Sims,Espinoza,Howell,Li,Wong,Reid,Hanson,Le,Mccoy,Garrett,Burton,Fuller,Wang,Weber,Welch,Rojas,Lucas,Marquez,Fields,Park,Yang,Little,Banks,Padilla,Day,Walsh,Bowman,Schultz,Luna,Fowler,Mejia,Davidson,Acosta,Brewer,May,Holland,Juarez,Newman,Pearson,Curtis,Cortez,Douglas,Schneider,Joseph}`;
const STATES = `{AL,AK,AZ,AR,CA,CO,CT,DE,DC,FL,GA,HI,ID,IL,IN,IA,KS,KY,LA,ME,MD,MA,MI,MN,MS,MO,MT,NE,NV,NH,NJ,NM,NY,NC,ND,OH,OK,OR,PA,RI,SC,SD,TN,TX,UT,VT,VA,WA,WV,WI,WY}`;

/** Indexes dropped for the load and built again afterwards: building once is much faster. */
const HEAVY = [
  ['persons_phones_idx', 'create index persons_phones_idx on persons using gin (phones)'],
  ['persons_emails_idx', 'create index persons_emails_idx on persons using gin (emails)'],
  [
    'persons_name_keys_idx',
    'create index persons_name_keys_idx on persons using gin (person_name_keys(full_name, aliases))',
  ],
  [
    'persons_search_words_idx',
    "create index persons_search_words_idx on persons using gin (to_tsvector('simple', search_names))",
  ],
  [
    'persons_filter_words_idx',
    'create index persons_filter_words_idx on persons using gin (search_filter_words(search_names, case_filters))',
  ],
  [
    'businesses_name_filter_words_idx',
    'create index businesses_name_filter_words_idx on businesses using gin (search_filter_words(name, case_filters))',
  ],
  [
    'businesses_address_filter_words_idx',
    "create index businesses_address_filter_words_idx on businesses using gin (search_filter_words(coalesce(address, ''), case_filters))",
  ],
  [
    'locations_address_filter_words_idx',
    "create index locations_address_filter_words_idx on locations using gin (search_filter_words(coalesce(address, ''), case_filters))",
  ],
  [
    'businesses_name_words_idx',
    "create index businesses_name_words_idx on businesses using gin (to_tsvector('simple', name))",
  ],
  [
    'businesses_address_words_idx',
    "create index businesses_address_words_idx on businesses using gin (to_tsvector('simple', coalesce(address, '')))",
  ],
  [
    'locations_address_words_idx',
    "create index locations_address_words_idx on locations using gin (to_tsvector('simple', coalesce(address, '')))",
  ],
] as const;

/** Triggers that keep search_words: off during the load, the table filled once at the end. */
const WORD_TRIGGERS = [
  ['persons', 'persons_search_words'],
  ['businesses', 'businesses_search_words'],
  ['locations', 'locations_search_words'],
] as const;

/**
 * Statistics triggers that refresh their fact tables for every statement that writes: with a million
 * rows at once and no planner statistics yet, the refresh of locations ran over 15 minutes. Off
 * during the load; each fact table is then filled once from its view, as the migrations fill them.
 */
const STAT_TRIGGERS = [
  ['case_persons', 'stat_case_persons_inserted'],
  ['locations', 'stat_locations_inserted'],
  // The search's filter keys are written into every location once the rows are in (below).
  ['locations', 'stat_locations_updated'],
] as const;
const STAT_FACTS = ['stat_case_states', 'stat_case_venues', 'stat_case_persons'] as const;

/** Triggers that keep the search's filter keys (migration 0028): off, and the keys filled once. */
const FILTER_TRIGGERS = [
  ['case_persons', 'search_case_filters_inserted'],
  ['case_businesses', 'search_case_filters_inserted'],
  ['locations', 'search_case_filters_inserted'],
] as const;

export async function generateCases(
  db: Kysely<DB>,
  hotlineId: string,
  userId: string,
  cases: number,
  log: (s: string) => void,
): Promise<void> {
  const step = async (label: string, q: ReturnType<typeof sql>) => {
    const t = Date.now();
    await q.execute(db);
    log(`  ${label}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
  };
  // md5 gives stable ids to join on; this makes them RFC 4122 version 4, as the API expects.
  await sql`create or replace function bench_uuid(t text) returns uuid language sql immutable as $$
    select (substr(md5(t), 1, 12) || '4' || substr(md5(t), 14, 3) || '8' || substr(md5(t), 18, 15))::uuid $$`.execute(
    db,
  );
  for (const [name] of HEAVY) await sql.raw(`drop index if exists ${name}`).execute(db);
  for (const [table, trigger] of [...WORD_TRIGGERS, ...STAT_TRIGGERS, ...FILTER_TRIGGERS]) {
    await sql.raw(`alter table ${table} disable trigger ${trigger}`).execute(db);
  }
  await step(
    'cases',
    sql`insert into cases (id, hotline_id, reference_code, summary, trafficking_type, indicator_level, status, close_reason,
                           identified_at, assigned_to, created_by)
        select bench_uuid('case' || i), ${hotlineId}, 'C-BENCH-' || i, 'Generated case ' || i,
               (array['sex','labor','sex_and_labor','not_specified'])[1 + i % 4],
               (array['high','moderate','none'])[1 + i % 3],
               (array['open','active','referred','monitoring','closed'])[1 + i % 5],
               case when i % 5 = 4 then 'services_provided' end,
               now() - (i || ' minutes')::interval,
               case when i % 3 = 0 then ${userId}::uuid end, ${userId}::uuid
          from generate_series(1, ${cases}) i`,
  );
  await step(
    'people (2 per case)',
    sql`insert into persons (id, hotline_id, full_name, aliases, age_years, phones, emails, search_names)
        select bench_uuid('person' || j), ${hotlineId}, n.name,
               case when j % 7 = 0 then array[split_part(n.name, ' ', 1) || 'y'] else '{}' end,
               14 + j % 40,
               array['+1601' || lpad(j::text, 7, '0')],
               case when j % 2 = 0 then array['p' || j || '@example.org'] else '{}' end,
               lower(n.name || case when j % 7 = 0 then ' ' || split_part(n.name, ' ', 1) || 'y' else '' end)
          from generate_series(1, ${cases * 2}) j,
               lateral (select (${FIRST}::text[])[1 + (j * 7) % cardinality(${FIRST}::text[])] || ' ' || (${LAST}::text[])[1 + (j * 13) % cardinality(${LAST}::text[])] as name) n`,
  );
  await step(
    'case_persons',
    sql`insert into case_persons (case_id, person_id, hotline_id, role, is_minor)
        select bench_uuid('case' || ((j + 1) / 2)), bench_uuid('person' || j), ${hotlineId},
               case when j % 2 = 1 then 'victim' else 'trafficker' end, case when j % 2 = 1 then 14 + j % 40 < 18 end
          from generate_series(1, ${cases * 2}) j`,
  );
  await step(
    'locations',
    sql`insert into locations (hotline_id, case_id, venue_type, address, city, state)
        select ${hotlineId}, bench_uuid('case' || i), (array['hotel_motel','residence','street','truck_stop','farm'])[1 + i % 5],
               (i % 9000) || ' ' || (${LAST}::text[])[1 + i % cardinality(${LAST}::text[])] || ' St', 'City ' || (i % 500),
               (${STATES}::text[])[1 + i % 51]
          from generate_series(1, ${cases}) i`,
  );
  await step(
    'businesses',
    sql`with b as (
          insert into businesses (id, hotline_id, name, typology, address, state, phone)
          select bench_uuid('biz' || i), ${hotlineId}, (${LAST}::text[])[1 + i % cardinality(${LAST}::text[])] || ' ' || (array['Inn','Spa','Farms','Cleaning','Motel'])[1 + i % 5] || ' ' || i,
                 'hotels_hospitality', i || ' Commerce Rd', (${STATES}::text[])[1 + i % 51], '+1769' || lpad(i::text, 7, '0')
            from generate_series(1, ${Math.ceil(cases / 5)}) i returning id)
        insert into case_businesses (case_id, business_id, hotline_id)
        select bench_uuid('case' || (i * 5)), bench_uuid('biz' || i), ${hotlineId}
          from generate_series(1, ${Math.floor(cases / 5)}) i`,
  );
  await step(
    'notes and tasks',
    sql`with n as (insert into notes (hotline_id, case_id, author_id, body)
                   select ${hotlineId}, bench_uuid('case' || i), ${userId}::uuid, 'Note ' || i from generate_series(1, ${cases}) i)
        insert into tasks (hotline_id, case_id, title, due_at, assignee_id, created_by)
        select ${hotlineId}, bench_uuid('case' || i), 'Task ' || i, now() + ((i % 60 - 30) || ' days')::interval, ${userId}::uuid, ${userId}::uuid
          from generate_series(1, ${cases}, 4) i`,
  );
  // Before the indexes are built, so that the rows written again need no index entries yet; then
  // the tables written again in full, as they would be had the keys come with the rows.
  await step('search filter keys', sql`select search_case_filters_fill()`);
  await step('vacuum', sql`vacuum full persons, businesses, locations`);
  for (const [name, ddl] of HEAVY) await step(`index ${name}`, sql.raw(ddl));
  await step(
    'search words',
    sql`insert into search_words (hotline_id, word)
        select distinct x.hotline_id, w
          from (select hotline_id, search_names as t from persons
                union all select hotline_id, name || ' ' || coalesce(address, '') from businesses
                union all select hotline_id, address from locations where address is not null) x,
               unnest(tsvector_to_array(to_tsvector('simple', x.t))) w
         where w !~ '[0-9]'
        on conflict do nothing`,
  );
  for (const [table, trigger] of [...WORD_TRIGGERS, ...STAT_TRIGGERS, ...FILTER_TRIGGERS]) {
    await sql.raw(`alter table ${table} enable trigger ${trigger}`).execute(db);
  }
  await step('analyze', sql`analyze`);
  for (const table of STAT_FACTS) {
    // The columns the table and its view share (a table may add its own, with defaults).
    const { rows } = await sql<{ columns: string }>`
      select string_agg(quote_ident(t.column_name), ', ' order by t.ordinal_position) as columns
        from information_schema.columns t
        join information_schema.columns v on v.table_name = ${`${table}_v`} and v.column_name = t.column_name
                                          and v.table_schema = t.table_schema
       where t.table_name = ${table} and t.table_schema = current_schema()`.execute(db);
    const columns = rows[0]?.columns;
    if (!columns) throw new Error(`${table}: no columns shared with ${table}_v`);
    await step(
      `statistics ${table}`,
      sql.raw(`insert into ${table} (${columns}) select ${columns} from ${table}_v`),
    );
  }
  await step('analyze statistics', sql.raw(`analyze ${STAT_FACTS.join(', ')}`));
}

/**
 * `tsx bench/reports-trigger.ts`: what the statistics insert trigger on signals costs per
 * single-row insert on PGlite, as intake inserts one signal per statement. Times 2,000 inserts
 * (half naming a state) with the row-level trigger of migration 0012, with the statement-level
 * trigger of 0008 put back in its place, and with neither, in alternating rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { insertHotline } from '../src/features/hotlines/store';
import { openDatabase } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';

const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-trigger-'));
const database = await openDatabase({ dataDir: path.join(dir, 'data'), purpose: 'bench:reports-trigger' });
const db = database.db;
await migrate(db);
const hotlineId = (await insertHotline(db, { name: 'Trigger bench' })).id;
await sql`create function stat_signals_inserted_0008() returns trigger language plpgsql as $$
begin
  insert into stat_signal_states (signal_id, state, hotline_id, received_at, channel, signaler_id, counted_from)
    select id, state, hotline_id, received_at, channel, signaler_id, created_at from new_rows
    where state is not null and category is distinct from 'non_substantive';
  return null;
end $$`.execute(db);
await sql`create trigger stat_signals_inserted_0008 after insert on signals
  referencing new table as new_rows for each statement execute function stat_signals_inserted_0008()`.execute(
  db,
);

/** Each variant and the one trigger it enables. */
const variants = {
  'row-level (0012)': 'stat_signals_inserted',
  'statement-level (0008)': 'stat_signals_inserted_0008',
  'no trigger': '',
} as const;
const N = 2000;
let ref = 0;
const totals: Record<string, number[]> = {};
for (let round = 0; round < 3; round++) {
  for (const [name, on] of Object.entries(variants)) {
    await sql
      .raw(
        `alter table signals disable trigger stat_signals_inserted;
      alter table signals disable trigger stat_signals_inserted_0008;
      ${on ? `alter table signals enable trigger ${on};` : ''}`,
      )
      .execute(db);
    const t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      ref++;
      await sql`insert into signals (hotline_id, reference_code, channel, state, category)
        values (${hotlineId}, ${`T-${ref}`}, 'phone', ${i % 2 === 0 ? 'MS' : null}, 'tip')`.execute(db);
    }
    (totals[name] ??= []).push(Number(process.hrtime.bigint() - t) / 1e6 / N);
  }
}
for (const [name, runs] of Object.entries(totals)) {
  const sorted = [...runs].sort((a, b) => a - b);
  console.log(`${name}: ${sorted[1]!.toFixed(3)} ms per insert (median of 3 rounds of ${N})`);
}
await database.close();
rmSync(dir, { recursive: true, force: true });

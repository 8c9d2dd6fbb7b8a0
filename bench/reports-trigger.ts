/**
 * `tsx bench/reports-trigger.ts`: what the statistics insert trigger on signals costs per
 * single-row insert on PGlite, as intake inserts one signal per statement. Times 1,000 inserts of
 * signals that name a state and 1,000 that name none with the row-level trigger of migration 0012,
 * with the statement-level trigger of 0008 put back in its place, and with neither, in 5 rounds.
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
const N = 1000;
const ROUNDS = 5;
let ref = 0;
const times: Record<string, number[]> = {};
for (let round = 0; round < ROUNDS; round++) {
  // The order of the variants rotates, so that none always runs on the largest table.
  const order = Object.entries(variants);
  for (let k = 0; k < round % order.length; k++) order.push(order.shift()!);
  for (const [name, on] of order) {
    await sql
      .raw(
        `alter table signals disable trigger stat_signals_inserted;
      alter table signals disable trigger stat_signals_inserted_0008;
      ${on ? `alter table signals enable trigger ${on};` : ''}`,
      )
      .execute(db);
    for (const state of ['MS', null]) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < N; i++) {
        ref++;
        await sql`insert into signals (hotline_id, reference_code, channel, state, category)
          values (${hotlineId}, ${`T-${ref}`}, 'phone', ${state}, 'tip')`.execute(db);
      }
      (times[`${name}, ${state ? 'names a state' : 'names none'}`] ??= []).push(
        Number(process.hrtime.bigint() - t) / 1e6 / N,
      );
    }
  }
}
for (const [name, runs] of Object.entries(times)) {
  const sorted = [...runs].sort((a, b) => a - b);
  console.log(
    `${name}: ${sorted[Math.floor(ROUNDS / 2)]!.toFixed(3)} ms per insert (median of ${ROUNDS} rounds of ${N})`,
  );
}
await database.close();
rmSync(dir, { recursive: true, force: true });

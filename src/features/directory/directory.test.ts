import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import { buildCase } from '../referrals/test-factories';
import { exportDirectory, HsdsInvalid, importRecords, readHsds } from './import-export';
import { searchServices } from './search';

const SAMPLE = path.join(import.meta.dirname, 'fixtures', 'sample.json');
const sample = (): unknown[] => JSON.parse(readFileSync(SAMPLE, 'utf8')) as unknown[];
const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'waymark-hsds-'));

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());
beforeEach(async () => {
  await app.database.db.deleteFrom('directory_service_index').execute();
  await app.database.db.deleteFrom('directory_records').execute();
});

const importFrom = (source: string) =>
  app.database.db.transaction().execute((trx) => importRecords(trx, readHsds(source)));
const count = async () =>
  Number(
    (
      await app.database.db
        .selectFrom('directory_records')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('HSDS round trips', () => {
  it('canonical JSON: import then export gives the same content', async () => {
    const summary = await importFrom(SAMPLE);
    expect(summary).toMatchObject({ organizations: 2, services: 4 });
    const out = path.join(tmp(), 'out.json');
    await exportDirectory(app.database.db, 'json', out);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(sample());
  });

  it('tabular data package: export, import into an empty directory, export again: the same files', async () => {
    await importFrom(SAMPLE);
    const first = tmp();
    await exportDirectory(app.database.db, 'package', first);
    expect(readdirSync(first).sort()).toContain('services.csv');
    const manifest = JSON.parse(readFileSync(path.join(first, 'datapackage.json'), 'utf8'));
    expect(manifest.resources.map((r: { name: string }) => r.name)).toContain('service_at_location');

    await app.database.db.deleteFrom('directory_records').execute();
    await importFrom(first);
    const second = tmp();
    await exportDirectory(app.database.db, 'package', second);
    for (const file of readdirSync(first)) {
      expect(readFileSync(path.join(second, file), 'utf8'), file).toBe(
        readFileSync(path.join(first, file), 'utf8'),
      );
    }
    // Imported from CSV, the canonical JSON is the same organisations, services and locations.
    const json = path.join(tmp(), 'again.json');
    await exportDirectory(app.database.db, 'json', json);
    const again = JSON.parse(readFileSync(json, 'utf8')) as Array<{
      id: string;
      services: Array<{ id: string; name: string }>;
    }>;
    const original = sample() as typeof again;
    expect(again.map((o) => o.id)).toEqual(original.map((o) => o.id));
    expect(again.flatMap((o) => o.services.map((s) => s.name))).toEqual(
      original.flatMap((o) => o.services.map((s) => s.name)),
    );
  });
});

describe('schema validation', () => {
  it('a canonical file that fails its schema names each error path and imports nothing', async () => {
    const bad = sample() as Array<Record<string, unknown>>;
    delete bad[1]!.description;
    const services = bad[0]!.services as Array<Record<string, unknown>>;
    services[0]!.status = 'open';
    (services[0]!.phones as Array<Record<string, unknown>>)[0]!.number = undefined;
    services[1]!.id = 'not-a-uuid';
    const file = path.join(tmp(), 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    let error: HsdsInvalid | undefined;
    try {
      await importFrom(file);
    } catch (err) {
      error = err as HsdsInvalid;
    }
    expect(error).toBeInstanceOf(HsdsInvalid);
    const paths = error!.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/1', '/0/services/0/status', '/0/services/0/phones/0', '/0/services/1/id']),
    );
    expect(error!.issues.find((i) => i.path === '/1')!.message).toMatch(/description/);
    expect(await count()).toBe(0);
  });

  it('a package with one bad row names the file, row and field, and imports nothing', async () => {
    await importFrom(SAMPLE);
    const dir = tmp();
    await exportDirectory(app.database.db, 'package', dir);
    await app.database.db.deleteFrom('directory_records').execute();
    const csv = readFileSync(path.join(dir, 'services.csv'), 'utf8').replace(',active,', ',open,');
    writeFileSync(path.join(dir, 'services.csv'), csv);
    const addresses = readFileSync(path.join(dir, 'addresses.csv'), 'utf8').replace(',US,', ',USA,');
    writeFileSync(path.join(dir, 'addresses.csv'), addresses);
    await expect(importFrom(dir)).rejects.toSatisfy((err: HsdsInvalid) => {
      const paths = err.issues.map((i) => i.path);
      return paths.includes('services.csv row 2: /status') && paths.includes('addresses.csv row 2: /country');
    });
    expect(await count()).toBe(0);
  });
});

describe('search and matching', () => {
  it('finds services by state, need, language and age', async () => {
    await importFrom(SAMPLE);
    const db = app.database.db;
    const names = async (c: Parameters<typeof searchServices>[1]) =>
      (await searchServices(db, c)).map((s) => s.name).sort();
    expect(await names({ state: 'MS' })).toEqual([
      'Emergency shelter for survivors',
      'Immigration and criminal record relief',
      'Youth counseling',
    ]);
    expect(await names({ state: 'LA' })).toEqual(['Immigration and criminal record relief']);
    expect(await names({ state: 'MS', need: 'shelter_housing', language: 'es', age: 16 })).toEqual([
      'Emergency shelter for survivors',
    ]);
    expect(await names({ state: 'MS', age: 30 })).toEqual([
      'Emergency shelter for survivors',
      'Immigration and criminal record relief',
    ]);
    expect(await names({ state: 'MS', age: 15, county: 'Hinds County' })).toEqual([
      'Emergency shelter for survivors',
      'Youth counseling',
    ]);
    const [shelter] = await searchServices(db, { need: 'shelter_housing' });
    expect(shelter!.phones).toEqual(['601-555-0101']);
    expect(shelter!.organizationName).toBe('Example Gulf Coast Shelter Network');
  });

  it('the public find-help page lists active services, in Spanish too', async () => {
    await importFrom(SAMPLE);
    const en = await app.http.inject({ method: 'GET', url: '/help?state=MS&need=legal' });
    expect(en.body).toContain('Immigration and criminal record relief');
    expect(en.body).not.toContain('Emergency shelter for survivors');
    expect(en.body).not.toContain('Closed clinic');
    const es = await app.http.inject({ method: 'GET', url: '/es/help?state=MS' });
    expect(es.body).toContain('Refugio y vivienda');
  });

  it("matches services to a case from its location and the victim's language and age", async () => {
    await importFrom(SAMPLE);
    const advocate = await buildUser(app, { role: 'advocate' });
    const kase = await buildCase(app.database.db, {
      hotlineId: advocate.hotlineId,
      states: ['MS'],
      victims: [{ ageYears: 16, languages: ['es'] }],
    });
    const res = await as(
      app,
      await signIn(app, advocate),
    )({ method: 'GET', url: `/api/cases/${kase.id}/service-matches?need=shelter_housing` });
    expect(res.statusCode).toBe(200);
    expect(res.json().criteria).toMatchObject({
      state: 'MS',
      language: 'es',
      age: 16,
      need: 'shelter_housing',
    });
    expect(res.json().services.map((s: { name: string }) => s.name)).toEqual([
      'Emergency shelter for survivors',
    ]);
    const partner = await buildUser(app, { role: 'partner', hotlineId: advocate.hotlineId });
    const denied = await as(
      app,
      await signIn(app, partner),
    )({ method: 'GET', url: `/api/cases/${kase.id}/service-matches` });
    expect(denied.statusCode).toBe(403);
  });
});

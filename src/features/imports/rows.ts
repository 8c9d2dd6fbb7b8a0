/**
 * Turns checked import records into table rows with ids made here, so that one pass builds every
 * row and the links between them without a round trip per record.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { DB } from '../../platform/db/schema';
import type { ImportIssue } from './schema';
import type { ParsedImport } from './parse';
import './db';

export interface Existing {
  cases: Map<string, string>;
  signals: Set<string>;
  persons: Map<string, string>;
  businesses: Map<string, string>;
  signalers: Map<string, string>;
}

export interface ImportRows {
  cases: Array<Insertable<DB['cases']>>;
  locations: Array<Insertable<DB['locations']>>;
  persons: Array<Insertable<DB['persons']>>;
  case_persons: Array<Insertable<DB['case_persons']>>;
  case_person_groups: Array<Insertable<DB['case_person_groups']>>;
  businesses: Array<Insertable<DB['businesses']>>;
  case_businesses: Array<Insertable<DB['case_businesses']>>;
  signalers: Array<Insertable<DB['signalers']>>;
  signals: Array<Insertable<DB['signals']>>;
  case_signals: Array<Insertable<DB['case_signals']>>;
}

export interface BuiltRows {
  rows: ImportRows;
  issues: ImportIssue[];
  skipped: { cases: number; signals: number };
  reused: { persons: number; businesses: number; signalers: number };
}

const refCode = (prefix: string, id: string): string => `${prefix}-${id}`.slice(0, 120);
const latest = (a: Date, b: Date): Date => (a > b ? a : b);

export function buildRows(parsed: ParsedImport, hotlineId: string, existing: Existing): BuiltRows {
  const rows: ImportRows = {
    cases: [],
    locations: [],
    persons: [],
    case_persons: [],
    case_person_groups: [],
    businesses: [],
    case_businesses: [],
    signalers: [],
    signals: [],
    case_signals: [],
  };
  const issues: ImportIssue[] = [];
  const skipped = { cases: 0, signals: 0 };
  const reused = { persons: 0, businesses: 0, signalers: 0 };
  const caseIds = new Map(existing.cases);
  const caseRecordedAt = new Map<string, Date>();
  const personIds = new Map(existing.persons);
  const businessIds = new Map(existing.businesses);
  const signalerIds = new Map(existing.signalers);

  for (const { record: c } of parsed.cases) {
    if (caseIds.has(c.id)) {
      skipped.cases++;
      continue;
    }
    const id = randomUUID();
    const at = new Date(c.recordedAt ?? c.identifiedAt);
    caseIds.set(c.id, id);
    caseRecordedAt.set(id, at);
    rows.cases.push({
      id,
      hotline_id: hotlineId,
      reference_code: c.referenceCode ?? refCode('IMP', c.id),
      summary: c.summary ?? '',
      trafficking_type: c.traffickingType,
      indicator_level: c.indicatorLevel ?? null,
      status: c.status ?? (c.closeReason ? 'closed' : 'open'),
      close_reason: c.closeReason ?? null,
      identified_at: new Date(c.identifiedAt),
      external_id: c.id,
      created_at: at,
      updated_at: at,
    });
    for (const l of c.locations) {
      rows.locations.push({
        hotline_id: hotlineId,
        case_id: id,
        venue_type: l.venueType,
        address: l.address ?? null,
        city: l.city ?? null,
        county: l.county ?? null,
        state: l.state ?? null,
        created_at: at,
        updated_at: at,
      });
    }
    for (const p of c.persons) {
      let personId = personIds.get(p.id);
      if (personId === undefined) {
        personId = randomUUID();
        personIds.set(p.id, personId);
        rows.persons.push({
          id: personId,
          hotline_id: hotlineId,
          given_name: p.givenName ?? null,
          family_name: p.familyName ?? null,
          full_name: p.fullName ?? ([p.givenName, p.familyName].filter(Boolean).join(' ') || null),
          aliases: p.aliases ?? [],
          birth_date: p.birthDate ?? null,
          age_years: p.ageYears ?? null,
          age_recorded_at: p.ageYears === undefined ? null : c.identifiedAt.slice(0, 10),
          gender: p.gender ?? null,
          nationality: p.nationality ?? null,
          phones: p.phones ?? [],
          emails: p.emails ?? [],
          external_id: p.id,
          created_at: at,
          updated_at: at,
        });
      } else if (existing.persons.has(p.id)) {
        reused.persons++;
      }
      rows.case_persons.push({
        case_id: id,
        person_id: personId,
        hotline_id: hotlineId,
        role: p.role,
        is_minor: p.isMinor ?? (p.ageYears === undefined ? null : p.ageYears < 18),
        created_at: at,
      });
    }
    for (const g of c.groups) {
      rows.case_person_groups.push({
        case_id: id,
        hotline_id: hotlineId,
        role: g.role,
        count: g.count,
        description: g.description ?? null,
        includes_minors: g.includesMinors ?? null,
        created_at: at,
      });
    }
    const linked = new Set<string>();
    for (const b of c.businesses) {
      let businessId = businessIds.get(b.id);
      if (businessId === undefined) {
        businessId = randomUUID();
        businessIds.set(b.id, businessId);
        rows.businesses.push({
          id: businessId,
          hotline_id: hotlineId,
          name: b.name,
          typology: b.typology ?? null,
          address: b.address ?? null,
          city: b.city ?? null,
          state: b.state ?? null,
          phone: b.phone ?? null,
          external_id: b.id,
          created_at: at,
          updated_at: at,
        });
      } else if (existing.businesses.has(b.id)) {
        reused.businesses++;
      }
      if (linked.has(businessId)) continue;
      linked.add(businessId);
      rows.case_businesses.push({
        case_id: id,
        business_id: businessId,
        hotline_id: hotlineId,
        created_at: at,
      });
    }
  }

  for (const { line, record: s } of parsed.signals) {
    if (existing.signals.has(s.id)) {
      skipped.signals++;
      continue;
    }
    const id = randomUUID();
    const at = new Date(s.recordedAt ?? s.receivedAt);
    let signalerId: string | null = null;
    if (s.signaler) {
      const found = signalerIds.get(s.signaler.id);
      if (found === undefined) {
        signalerId = randomUUID();
        signalerIds.set(s.signaler.id, signalerId);
        rows.signalers.push({
          id: signalerId,
          hotline_id: hotlineId,
          role: s.signaler.role,
          name: s.signaler.name ?? null,
          phone: s.signaler.phone ?? null,
          email: s.signaler.email ?? null,
          language: s.signaler.language ?? null,
          external_id: s.signaler.id,
          created_at: at,
          updated_at: at,
        });
      } else {
        signalerId = found;
        if (existing.signalers.has(s.signaler.id)) reused.signalers++;
      }
    }
    rows.signals.push({
      id,
      hotline_id: hotlineId,
      reference_code: s.referenceCode ?? refCode('IMP', s.id),
      channel: s.channel,
      received_at: new Date(s.receivedAt),
      signaler_id: signalerId,
      language: s.language ?? null,
      state: s.state ?? null,
      city: s.city ?? null,
      status: 'closed',
      category: s.category ?? null,
      trafficking_type: s.traffickingType ?? null,
      external_id: s.id,
      created_at: at,
      updated_at: at,
    });
    s.caseIds.forEach((caseExt, i) => {
      const caseId = caseIds.get(caseExt);
      if (caseId === undefined) {
        issues.push({
          line,
          field: `caseIds.${i}`,
          message: `No case "${caseExt}" in this file or already imported.`,
        });
        return;
      }
      const caseAt = caseRecordedAt.get(caseId);
      rows.case_signals.push({
        case_id: caseId,
        signal_id: id,
        hotline_id: hotlineId,
        // Linked once both exist in the source system: the later of the two recording times.
        linked_at: caseAt ? latest(caseAt, at) : at,
      });
    });
  }
  return { rows, issues, skipped, reused };
}

/** The signals of one generated state-year, and the noise the counting rules must leave out. */
import type { ImportCase, ImportSignal } from '../schema';
import { randomName } from './names';
import type { Rng } from './random';
import type { Channel, NoiseOptions, Targets, Truth } from './state-year';
import { DAY, iso } from './time';

const ROLES_BY_CHANNEL: Record<Channel, ImportSignal['category'][]> = {
  phone: ['tip', 'crisis', 'tip', 'referral_request'],
  webform: ['tip', 'tip', 'general_information'],
  email: ['tip', 'referral_request', 'training_technical_assistance'],
  text: ['crisis', 'tip', 'referral_request'],
  webchat: ['crisis', 'tip', 'general_information'],
};
const SIGNALER_ROLES = [
  'community_member',
  'community_member',
  'victim_survivor',
  'family_friend',
  'service_provider',
  'law_enforcement',
  'other',
] as const;

export function generateSignals(
  t: Targets,
  rng: Rng,
  truth: Truth,
  cases: ImportCase[],
  prefix: string,
): ImportSignal[] {
  const pool: Channel[] = rng.shuffle(
    (Object.keys(t.signals) as Channel[]).flatMap((k) => Array<Channel>(t.signals[k]).fill(k)),
  );
  const yearStart = Date.UTC(t.year, 0, 1);
  const yearEnd = Date.UTC(t.year + 1, 0, 1) - 1000;
  const signalers: Array<{ trueId: string; role: ImportSignal['signaler'] }> = [];
  return pool.map((channel, i): ImportSignal => {
    let linked: ImportCase | undefined;
    let received: number;
    const first = cases[i];
    if (first) {
      linked = first;
      received = Math.max(yearStart, Date.parse(first.identifiedAt) - rng.int(0, 2) * DAY);
    } else if (cases.length > 0 && rng.chance(0.35)) {
      linked = rng.pick(cases);
      const from = Date.parse(linked.identifiedAt);
      received = from + Math.floor(rng.next() * (yearEnd - from));
    } else {
      received = yearStart + Math.floor(rng.next() * (yearEnd - yearStart));
    }
    const id = `${prefix}-S${i}`;
    let signaler: ImportSignal['signaler'];
    const previous = signalers.length > 0 && rng.chance(0.1) ? rng.pick(signalers) : undefined;
    if (previous?.role) {
      signaler = { ...previous.role, id: `${id}-sg` };
      truth.signalers.set(`${id}-sg`, previous.trueId);
    } else {
      // A signaler gives a name and a way to reach them, and the same ones when they get in touch
      // again, so that record linkage can tell it is the same person with certainty.
      const name = randomName(rng, rng.chance(0.6) ? 'female' : 'male');
      signaler = { id: `${id}-sg`, role: rng.pick(SIGNALER_ROLES), name: `${name.given} ${name.family}` };
      if (channel === 'phone' || channel === 'text')
        signaler.phone = `+1${rng.int(201, 989)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
      else signaler.email = `tipster${rng.int(1, 999_999)}@example.org`;
      signalers.push({ trueId: `${id}-sg`, role: signaler });
      truth.signalers.set(`${id}-sg`, `${id}-sg`);
    }
    // A signal linked to a case often names no place: it then counts in its case's states.
    const namesState = !linked || rng.chance(0.85);
    return {
      type: 'signal',
      id,
      channel,
      receivedAt: iso(received),
      recordedAt: iso(received + rng.int(0, 2) * DAY),
      category: linked
        ? rng.pick(ROLES_BY_CHANNEL[channel])
        : rng.pick(['referral_request', 'general_information', 'training_technical_assistance'] as const),
      ...(namesState ? { state: t.state } : {}),
      signaler,
      caseIds: linked ? [linked.id] : [],
    };
  });
}

export function addNoise(
  t: Targets,
  rng: Rng,
  truth: Truth,
  cases: ImportCase[],
  signals: ImportSignal[],
  noise: NoiseOptions,
  prefix: string,
): void {
  const yearStart = Date.UTC(t.year, 0, 1);
  const span = Date.UTC(t.year + 1, 0, 1) - 1000 - yearStart;
  const extra = Math.round(signals.length * noise.nonSubstantive);
  for (let i = 0; i < extra; i++) {
    const at = iso(yearStart + Math.floor(rng.next() * span));
    signals.push({
      type: 'signal',
      id: `${prefix}-N${i}`,
      channel: 'phone',
      receivedAt: at,
      category: 'non_substantive',
      state: t.state,
      caseIds: [],
    });
  }
  for (let i = 0; i < noise.lateCases; i++) {
    const at = iso(yearStart + Math.floor(rng.next() * span));
    const recorded = `${noise.lateRecordedAt}T12:00:00Z`;
    const id = `${prefix}-L${i}`;
    const name = randomName(rng, 'female');
    cases.push({
      type: 'case',
      id,
      identifiedAt: at,
      recordedAt: recorded,
      traffickingType: 'sex',
      locations: [{ venueType: 'hotel_motel', state: t.state }],
      persons: [
        { id: `${id}-v`, role: 'victim', givenName: name.given, familyName: name.family, gender: 'female' },
        { id: `${id}-t`, role: 'trafficker' },
      ],
      groups: [],
      businesses: [],
    });
    truth.persons.set(`${id}-v`, `${id}-v`);
    truth.persons.set(`${id}-t`, `${id}-t`);
    signals.push({
      type: 'signal',
      id: `${id}-s`,
      channel: 'text',
      receivedAt: at,
      recordedAt: recorded,
      category: 'tip',
      state: t.state,
      caseIds: [id],
    });
  }
}

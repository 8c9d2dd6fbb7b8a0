/**
 * Invented names and the ways one name gets written differently by different people and
 * channels, so that the demo needs record linkage to count people once.
 */
import type { Rng } from './random';

const FIRST_FEMALE = [
  'Maria',
  'Jessica',
  'Ashley',
  'Brittany',
  'Tiffany',
  'Destiny',
  'Elizabeth',
  'Katherine',
  'Jasmine',
  'Guadalupe',
  'Rosa',
  'Ana',
  'Crystal',
  'Amber',
  'Kayla',
  'Samantha',
  'Monique',
  'Latoya',
  'Chloe',
  'Hannah',
  'Mei',
  'Linh',
  'Olena',
  'Fatima',
];
const FIRST_MALE = [
  'James',
  'Robert',
  'Michael',
  'William',
  'David',
  'Jose',
  'Carlos',
  'Luis',
  'Anthony',
  'Marcus',
  'Darnell',
  'Tyrone',
  'Kevin',
  'Brandon',
  'Juan',
  'Miguel',
  'Dmitri',
  'Wei',
  'Samuel',
  'Jerome',
];
const FAMILY = [
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Nguyen',
  'Kowalski',
  'Petrenko',
  'Chen',
  'Washington',
  'Coleman',
  'Reyes',
  'Morales',
];
const NICKNAMES: Record<string, string> = {
  Elizabeth: 'Liz',
  Katherine: 'Kate',
  Jessica: 'Jess',
  Samantha: 'Sam',
  William: 'Bill',
  Robert: 'Bobby',
  Michael: 'Mike',
  James: 'Jim',
  Anthony: 'Tony',
  David: 'Dave',
  Jose: 'Pepe',
  Guadalupe: 'Lupe',
  Brandon: 'Bran',
  Samuel: 'Sammy',
};
const BUSINESS_WORDS = [
  'Golden',
  'Lotus',
  'Paradise',
  'Star',
  'Royal',
  'Magnolia',
  'Delta',
  'Sunrise',
  'Blue Moon',
  'Riverside',
];
const BUSINESS_KINDS: Record<string, string[]> = {
  illicit_massage_health_beauty: ['Spa', 'Massage', 'Foot Spa', 'Wellness'],
  hotels_hospitality: ['Inn', 'Motel', 'Lodge'],
  bars_strip_clubs_cantinas: ['Lounge', 'Cantina', 'Club'],
  agriculture_animal_husbandry: ['Farms', 'Growers', 'Poultry'],
  construction: ['Builders', 'Construction', 'Roofing'],
  restaurants_food_service: ['Buffet', 'Grill', 'Kitchen'],
  escort_services: ['Companions', 'Entertainment'],
};

export const BUSINESS_TYPOLOGIES = Object.keys(BUSINESS_KINDS);

export interface Name {
  given: string;
  family: string;
}

export function randomName(rng: Rng, gender: 'female' | 'male'): Name {
  return { given: rng.pick(gender === 'female' ? FIRST_FEMALE : FIRST_MALE), family: rng.pick(FAMILY) };
}

function typo(rng: Rng, word: string): string {
  if (word.length < 4) return word;
  const i = rng.int(1, word.length - 2);
  return rng.chance(0.5)
    ? word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2)
    : word.slice(0, i) + word.slice(i + 1);
}

/** The same person as another signal or advocate might write them down. */
export function variantOf(
  rng: Rng,
  name: Name,
): { fullName: string; givenName?: string; familyName?: string } {
  switch (rng.int(0, 4)) {
    case 0:
      return { fullName: `${NICKNAMES[name.given] ?? name.given} ${name.family}` };
    case 1:
      return { fullName: `${name.given} ${typo(rng, name.family)}` };
    case 2:
      return { fullName: `${name.family.toUpperCase()}, ${name.given}` };
    case 3:
      return { fullName: `${name.given} ${String.fromCharCode(65 + rng.int(0, 25))}. ${name.family}` };
    default:
      return { fullName: `${typo(rng, name.given)} ${name.family}`.toLowerCase() };
  }
}

export function businessName(rng: Rng, typology: string): string {
  return `${rng.pick(BUSINESS_WORDS)} ${rng.pick(BUSINESS_KINDS[typology] ?? ['Services'])}`;
}

export function businessVariant(rng: Rng, name: string): string {
  return rng.pick([`${name} LLC`, name.toUpperCase(), `The ${name}`, name.replace(/ /g, '')]);
}

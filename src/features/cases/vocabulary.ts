/**
 * The words a case is recorded in, shared by the API and the console (no Node imports here).
 * TYPOLOGY mirrors reference/trafficking_typology.csv (a test keeps them equal).
 */
import { PLACE_CODES } from '../../platform/us-states';

export const US_STATES = PLACE_CODES;

export const CASE_STATUSES = ['open', 'active', 'referred', 'monitoring', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Allowed moves; "reopen" is closed -> open or active. */
export const STATUS_MOVES: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['active', 'referred', 'monitoring', 'closed'],
  active: ['referred', 'monitoring', 'closed'],
  referred: ['active', 'monitoring', 'closed'],
  monitoring: ['active', 'referred', 'closed'],
  closed: ['open', 'active'],
};

export const CLOSE_REASONS = [
  'services_provided',
  'referred_elsewhere',
  'no_further_contact',
  'client_declined',
  'not_trafficking',
  'duplicate',
  'other',
] as const;

export const PERSON_ROLES = ['victim', 'trafficker', 'other'] as const;
export const GENDERS = [
  'female',
  'male',
  'transgender_female',
  'transgender_male',
  'nonbinary',
  'unknown',
] as const;

export const VENUE_TYPES = [
  'hotel_motel',
  'residence',
  'street',
  'truck_stop',
  'massage_spa_business',
  'online_ad',
  'farm',
  'construction_site',
  'restaurant_bar',
  'factory',
  'other',
] as const;

export const TYPOLOGY = [
  { slug: 'escort_services', en: 'Escort Services', es: 'Servicios de acompañantes' },
  {
    slug: 'illicit_massage_health_beauty',
    en: 'Illicit Massage, Health, and Beauty',
    es: 'Masajes, salud y belleza ilícitos',
  },
  { slug: 'outdoor_solicitation', en: 'Outdoor Solicitation', es: 'Solicitación en la calle' },
  { slug: 'residential', en: 'Residential', es: 'Residencial' },
  { slug: 'domestic_work', en: 'Domestic Work', es: 'Trabajo doméstico' },
  {
    slug: 'bars_strip_clubs_cantinas',
    en: 'Bars, Strip Clubs, and Cantinas',
    es: 'Bares, clubes de striptease y cantinas',
  },
  { slug: 'pornography', en: 'Pornography', es: 'Pornografía' },
  { slug: 'traveling_sales_crews', en: 'Traveling Sales Crews', es: 'Equipos de ventas ambulantes' },
  {
    slug: 'restaurants_food_service',
    en: 'Restaurants and Food Service',
    es: 'Restaurantes y servicio de comidas',
  },
  { slug: 'peddling_begging', en: 'Peddling and Begging', es: 'Venta ambulante y mendicidad' },
  {
    slug: 'agriculture_animal_husbandry',
    en: 'Agriculture and Animal Husbandry',
    es: 'Agricultura y ganadería',
  },
  { slug: 'personal_sexual_servitude', en: 'Personal Sexual Servitude', es: 'Servidumbre sexual personal' },
  { slug: 'health_beauty_services', en: 'Health and Beauty Services', es: 'Servicios de salud y belleza' },
  { slug: 'construction', en: 'Construction', es: 'Construcción' },
  { slug: 'hotels_hospitality', en: 'Hotels and Hospitality', es: 'Hoteles y hostelería' },
  { slug: 'landscaping', en: 'Landscaping', es: 'Jardinería' },
  { slug: 'illicit_activities', en: 'Illicit Activities', es: 'Actividades ilícitas' },
  { slug: 'arts_entertainment', en: 'Arts and Entertainment', es: 'Artes y entretenimiento' },
  { slug: 'commercial_cleaning', en: 'Commercial Cleaning Services', es: 'Limpieza comercial' },
  { slug: 'factories_manufacturing', en: 'Factories and Manufacturing', es: 'Fábricas y manufactura' },
  {
    slug: 'remote_interactive_sexual_acts',
    en: 'Remote Interactive Sexual Acts',
    es: 'Actos sexuales interactivos a distancia',
  },
  { slug: 'carnivals', en: 'Carnivals', es: 'Ferias ambulantes' },
  { slug: 'forestry_logging', en: 'Forestry and Logging', es: 'Silvicultura y tala' },
  { slug: 'health_care', en: 'Health Care', es: 'Atención de salud' },
  { slug: 'recreational_facilities', en: 'Recreational Facilities', es: 'Instalaciones recreativas' },
] as const;
export const TYPOLOGY_SLUGS = TYPOLOGY.map((t) => t.slug) as unknown as readonly [
  (typeof TYPOLOGY)[number]['slug'],
  ...(typeof TYPOLOGY)[number]['slug'][],
];

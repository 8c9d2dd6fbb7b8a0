/**
 * The HSDS 3.0 objects Waymark supports and how they nest: in canonical JSON a child sits in its
 * parent's array; in the tabular package it names its parent with a foreign key column.
 */
import type { HsdsKind } from '../tables';

export type { HsdsKind };

export const KINDS: readonly HsdsKind[] = [
  'organization',
  'service',
  'location',
  'service_at_location',
  'phone',
  'address',
  'schedule',
  'contact',
  'language',
  'service_area',
  'taxonomy_term',
  'attribute',
];
export const isKind = (s: string): s is HsdsKind => (KINDS as readonly string[]).includes(s);

/** Per parent kind: the property holding children, and the children's kind. Order matters: a
 * location listed by its organization is placed there before a service_at_location repeats it. */
export const CHILDREN: Record<HsdsKind, Array<[property: string, kind: HsdsKind]>> = {
  organization: [
    ['locations', 'location'],
    ['services', 'service'],
    ['phones', 'phone'],
    ['contacts', 'contact'],
    ['attributes', 'attribute'],
  ],
  service: [
    ['phones', 'phone'],
    ['schedules', 'schedule'],
    ['service_areas', 'service_area'],
    ['service_at_locations', 'service_at_location'],
    ['languages', 'language'],
    ['contacts', 'contact'],
    ['attributes', 'attribute'],
  ],
  location: [
    ['addresses', 'address'],
    ['phones', 'phone'],
    ['schedules', 'schedule'],
    ['languages', 'language'],
    ['contacts', 'contact'],
    ['attributes', 'attribute'],
  ],
  service_at_location: [
    ['phones', 'phone'],
    ['schedules', 'schedule'],
    ['service_areas', 'service_area'],
    ['contacts', 'contact'],
    ['attributes', 'attribute'],
  ],
  phone: [
    ['languages', 'language'],
    ['attributes', 'attribute'],
  ],
  contact: [
    ['phones', 'phone'],
    ['attributes', 'attribute'],
  ],
  address: [['attributes', 'attribute']],
  schedule: [['attributes', 'attribute']],
  language: [['attributes', 'attribute']],
  service_area: [['attributes', 'attribute']],
  taxonomy_term: [],
  attribute: [],
};

/** Foreign keys a tabular row may use to name its parent, most specific first. */
export const PARENT_KEYS: Record<HsdsKind, Array<[column: string, kind: HsdsKind]>> = {
  organization: [],
  service: [['organization_id', 'organization']],
  location: [['organization_id', 'organization']],
  service_at_location: [['service_id', 'service']],
  phone: [
    ['contact_id', 'contact'],
    ['service_at_location_id', 'service_at_location'],
    ['location_id', 'location'],
    ['service_id', 'service'],
    ['organization_id', 'organization'],
  ],
  address: [['location_id', 'location']],
  schedule: [
    ['service_at_location_id', 'service_at_location'],
    ['location_id', 'location'],
    ['service_id', 'service'],
  ],
  contact: [
    ['service_at_location_id', 'service_at_location'],
    ['location_id', 'location'],
    ['service_id', 'service'],
    ['organization_id', 'organization'],
  ],
  language: [
    ['phone_id', 'phone'],
    ['location_id', 'location'],
    ['service_id', 'service'],
  ],
  service_area: [
    ['service_at_location_id', 'service_at_location'],
    ['service_id', 'service'],
  ],
  taxonomy_term: [],
  attribute: [],
};

export type Json = Record<string, unknown>;

/** One HSDS object as stored: its own fields (children removed) and where it was nested. */
export interface FlatRecord {
  kind: HsdsKind;
  id: string;
  parentKind: HsdsKind | null;
  parentId: string | null;
  data: Json;
}

export interface HsdsIssue {
  /** Where: a JSON pointer in the file, or "services.csv row 3: /status". */
  path: string;
  message: string;
}

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

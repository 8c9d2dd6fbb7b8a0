export type EntityType = 'person' | 'business' | 'signaler';

export interface RecordSummary {
  id: string;
  name: string;
  birthDate: string | null;
  ageYears: number | null;
  phones: string[];
  emails: string[];
  clusterId: string | null;
}

export interface ReviewItem {
  id: string;
  entityType: EntityType;
  probability: number;
  recordA: RecordSummary;
  recordB: RecordSummary;
}

export interface Explanation {
  prior: number;
  terms: Array<{ field: string; label: string; level: string; weight: number }>;
  totalWeight: number;
  probability: number;
  swappedNames: boolean;
}

export interface ClusterLink {
  id: string;
  recordA: string;
  recordB: string;
  probability: number;
  source: 'auto' | 'confirmed' | 'batch';
}

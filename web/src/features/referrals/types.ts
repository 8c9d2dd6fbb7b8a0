export interface Service {
  id: string;
  organizationName: string;
  name: string;
  description: string;
  needs: string[];
  languages: string[];
  states: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  phones: string[];
  score: number;
}

export type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'completed' | 'revoked';

export interface Referral {
  id: string;
  personId: string;
  serviceName: string;
  organizationName: string;
  status: ReferralStatus;
  sharedFields: string[];
  respondBy: string;
  declineReason: string | null;
  revokeReason: string | null;
  createdAt: string;
}

export interface PartnerReferral {
  id: string;
  serviceName: string;
  status: ReferralStatus;
  sharedFields: string[];
  shared: Record<string, unknown>;
  respondBy: string;
  declineReason: string | null;
  createdAt: string;
}

export interface RequiredReport {
  id: string;
  caseId: string;
  caseReference?: string;
  jurisdiction: string;
  title: { en: string; es: string } | null;
  agency: { name: { en: string; es: string }; channels: Array<{ type: string; value: string }> } | null;
  dueAt: string;
  overdue: boolean;
  status: 'due' | 'filed' | 'waived';
  filedAt: string | null;
  filedMethod: string | null;
  filedTo: string | null;
  referenceNumber: string | null;
  waiveReason: string | null;
  version: number;
}

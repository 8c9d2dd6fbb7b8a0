/** The case API's answers as the console reads them (JSON: dates are strings). */
export interface Staff {
  id: string;
  displayName: string;
}
export interface CaseSummary {
  id: string;
  referenceCode: string;
  status: string;
  traffickingType: string;
  indicatorLevel: string | null;
  identifiedAt: string;
  assignedTo: Staff | null;
}
export interface Person {
  id: string;
  role: string;
  isMinor: boolean | null;
  fullName: string | null;
  aliases: string[];
  birthDate: string | null;
  ageYears: number | null;
  gender: string | null;
  nationality: string | null;
  languages: string[];
  phones: string[];
  emails: string[];
  identifyingDetails: string | null;
  version: number;
}
export interface Task {
  id: string;
  title: string;
  dueAt: string | null;
  assignee: Staff | null;
  completedAt: string | null;
  version: number;
}
export interface TimelineEntry {
  kind: string;
  at: string;
  refId: string;
  label: string | null;
  body: string | null;
  by: string | null;
  details: Record<string, unknown>;
}
export interface CaseDetail {
  id: string;
  referenceCode: string;
  version: number;
  summary: string;
  traffickingType: string;
  indicatorLevel: string | null;
  status: string;
  closeReason: string | null;
  identifiedAt: string;
  closedAt: string | null;
  assignedTo: Staff | null;
  meansOfControl: string[];
  people: Person[];
  groups: Array<{
    id: string;
    role: string;
    count: number;
    description: string | null;
    includesMinors: boolean | null;
  }>;
  businesses: Array<{
    id: string;
    name: string;
    typology: string | null;
    address: string | null;
    city: string | null;
    state: string | null;
    phone: string | null;
  }>;
  locations: Array<{
    id: string;
    venueType: string;
    address: string | null;
    city: string | null;
    county: string | null;
    state: string | null;
  }>;
  tasks: Task[];
  signals: Array<{
    id: string;
    referenceCode: string;
    channel: string;
    receivedAt: string;
    category: string | null;
  }>;
  timeline: { items: TimelineEntry[]; nextCursor: string | null };
}
export interface TaskItem {
  id: string;
  title: string;
  dueAt: string | null;
  overdue: boolean;
  version: number;
  caseId: string | null;
  caseReference: string | null;
  assignee: Staff | null;
}

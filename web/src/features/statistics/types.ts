export interface Cell {
  key: string;
  label: string;
  value: number | null;
  display: string;
  suppressed: 'primary' | 'complementary' | 'withheld' | null;
}
export interface Breakdown {
  total: number;
  cells: Cell[];
  withheld: boolean;
}
export interface Spotlight {
  scope: { state: string | null; name: string };
  period: { from: string; to: string };
  asOf: string;
  victimsIdentified: number;
  traffickersIdentified: number;
  traffickingBusinesses: number;
  cases: { total: number; sex: number; labor: number; sexAndLabor: number; notSpecified: number };
  signals: { total: number; phone: number; webform: number; email: number; text: number; webchat: number };
  locations: Breakdown;
  victimGender: Breakdown;
  victimAge: Breakdown;
  signalerTypes: Breakdown;
  footnotes: string[];
}
export interface RankingRow {
  rank: number;
  state: string;
  name: string;
  population: number;
  cases: number;
  victims: number;
  casesPer100k: number;
  victimsPer100k: number;
}
export interface Ranking {
  year: number;
  asOf: string;
  populationSource: string;
  rows: RankingRow[];
}
export interface Trends {
  scope: { state: string | null; name: string };
  years: Array<{
    year: number;
    cases: number;
    victims: number;
    traffickers: number;
    signals: number;
    casesPer100k: number | null;
  }>;
}

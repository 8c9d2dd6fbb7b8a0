/**
 * Waymark's words for kinds of help and for who a service serves. In HSDS they are taxonomy terms
 * (taxonomy "waymark-need" and "waymark-gender") linked to services by attributes; see docs/directory.md.
 */
import { PLACE_NAMES } from '../../platform/us-states';
export const NEED_TAXONOMY = 'waymark-need';
export const GENDER_TAXONOMY = 'waymark-gender';

export const NEEDS = {
  shelter_housing: { en: 'Shelter and housing', es: 'Refugio y vivienda' },
  legal: { en: 'Legal help', es: 'Ayuda legal' },
  counseling: { en: 'Counseling', es: 'Consejería' },
  medical: { en: 'Medical care', es: 'Atención médica' },
  case_management: { en: 'Case management', es: 'Gestión de casos' },
  education_job_training: { en: 'Education and job training', es: 'Educación y capacitación laboral' },
  law_enforcement: { en: 'Law enforcement', es: 'Policía' },
  child_protective_services: { en: 'Child protective services', es: 'Protección infantil' },
  immigration: { en: 'Immigration help', es: 'Ayuda de inmigración' },
  interpretation: { en: 'Interpretation', es: 'Interpretación' },
  substance_use: { en: 'Substance use treatment', es: 'Tratamiento de adicciones' },
  basic_needs: { en: 'Food, clothing and basic needs', es: 'Comida, ropa y necesidades básicas' },
  transportation: { en: 'Transportation', es: 'Transporte' },
  hotline: { en: 'Hotline', es: 'Línea de ayuda' },
} as const;
export type Need = keyof typeof NEEDS;
export const NEED_CODES = Object.keys(NEEDS) as Need[];
export const isNeed = (s: string): s is Need => s in NEEDS;

export const GENDERS = ['female', 'male', 'transgender', 'non_binary'] as const;

export const US_STATES: Readonly<Record<string, string>> = Object.fromEntries(PLACE_NAMES);

/** "MS", "Mississippi" or "mississippi" -> "MS"; anything else -> undefined. */
export function stateCode(s: string): string | undefined {
  const t = s.trim();
  if (/^[A-Za-z]{2}$/.test(t) && US_STATES[t.toUpperCase()]) return t.toUpperCase();
  const hit = Object.entries(US_STATES).find(([, name]) => name.toLowerCase() === t.toLowerCase());
  return hit?.[0];
}

/** The victim-level open data export: request and row shapes (CTDC field names). */
import { z } from 'zod';

export const CtdcQuery = z.object({
  year: z.coerce.number().int().min(1990).max(2100),
  k: z.coerce.number().int().min(2).max(100).default(11),
});

export const CTDC_COLUMNS = [
  'yearOfRegistration',
  'Datasource',
  'gender',
  'ageBroad',
  'majorityStatus',
  'citizenship',
  'CountryOfExploitation',
  'isForcedLabour',
  'isSexualExploitation',
  'typeOfLabourAgriculture',
  'typeOfLabourConstruction',
  'typeOfLabourDomesticWork',
  'typeOfLabourHospitality',
  'typeOfLabourManufacturing',
  'typeOfLabourPeddling',
  'typeOfLabourIllicitActivities',
  'typeOfLabourOther',
  'typeOfSexProstitution',
  'typeOfSexPornography',
  'typeOfSexRemoteInteractiveServices',
  'typeOfSexPrivateSexualServices',
] as const;
export type CtdcColumn = (typeof CTDC_COLUMNS)[number];
export type CtdcRow = Record<CtdcColumn, string>;

export interface CtdcExport {
  rows: CtdcRow[];
  k: number;
  /** 0 = as recorded, higher = coarser (docs/open-data.md). */
  generalisation: number;
  suppressed: number;
  victims: number;
}

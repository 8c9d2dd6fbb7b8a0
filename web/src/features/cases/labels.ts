/** Labels for the case vocabulary (src/features/cases/vocabulary.ts) in both languages. */
type L = Record<string, { en: string; es: string }>;

export const MEANS_LABELS: L = {
  debt_bondage: { en: 'Debt bondage', es: 'Servidumbre por deudas' },
  takes_earnings: { en: 'Takes earnings', es: 'Se queda con sus ganancias' },
  restricts_financial_access: { en: 'Restricts financial access', es: 'Restringe el acceso al dinero' },
  threats: { en: 'Threats', es: 'Amenazas' },
  psychological_abuse: { en: 'Psychological abuse', es: 'Abuso psicológico' },
  physical_abuse: { en: 'Physical abuse', es: 'Abuso físico' },
  sexual_abuse: { en: 'Sexual abuse', es: 'Abuso sexual' },
  false_promises: { en: 'False promises', es: 'Falsas promesas' },
  psychoactive_substances: { en: 'Psychoactive substances', es: 'Sustancias psicoactivas' },
  restricts_movement: { en: 'Restricts movement', es: 'Restringe el movimiento' },
  restricts_medical_care: { en: 'Restricts medical care', es: 'Restringe la atención médica' },
  excessive_working_hours: { en: 'Excessive working hours', es: 'Jornadas excesivas' },
  uses_children: { en: 'Uses children', es: 'Usa a niños' },
  threat_of_law_enforcement: { en: 'Threat of law enforcement', es: 'Amenaza con la policía' },
  withholds_necessities: { en: 'Withholds necessities', es: 'Niega necesidades básicas' },
  withholds_documents: { en: 'Withholds documents', es: 'Retiene documentos' },
  other: { en: 'Other (phone control, GPS tracking...)', es: 'Otro (control del teléfono, GPS...)' },
  not_specified: { en: 'Not specified', es: 'No especificado' },
};

export const CLOSE_REASON_LABELS: L = {
  services_provided: { en: 'Services provided', es: 'Servicios prestados' },
  referred_elsewhere: { en: 'Referred elsewhere', es: 'Referido a otra entidad' },
  no_further_contact: { en: 'No further contact', es: 'Sin más contacto' },
  client_declined: { en: 'Declined services', es: 'Rechazó los servicios' },
  not_trafficking: { en: 'Not trafficking', es: 'No es trata' },
  duplicate: { en: 'Duplicate', es: 'Duplicado' },
  other: { en: 'Other', es: 'Otro' },
};

export const VENUE_LABELS: L = {
  hotel_motel: { en: 'Hotel/motel', es: 'Hotel/motel' },
  residence: { en: 'Residence', es: 'Residencia' },
  street: { en: 'Street', es: 'Calle' },
  truck_stop: { en: 'Truck stop', es: 'Parada de camiones' },
  massage_spa_business: { en: 'Massage/spa business', es: 'Negocio de masajes/spa' },
  online_ad: { en: 'Online advertisement', es: 'Anuncio en línea' },
  farm: { en: 'Farm', es: 'Granja' },
  construction_site: { en: 'Construction site', es: 'Obra de construcción' },
  restaurant_bar: { en: 'Restaurant/bar', es: 'Restaurante/bar' },
  factory: { en: 'Factory', es: 'Fábrica' },
  other: { en: 'Other', es: 'Otro' },
};

export const GENDER_LABELS: L = {
  female: { en: 'Female', es: 'Femenino' },
  male: { en: 'Male', es: 'Masculino' },
  transgender_female: { en: 'Transgender female', es: 'Mujer transgénero' },
  transgender_male: { en: 'Transgender male', es: 'Hombre transgénero' },
  nonbinary: { en: 'Non-binary', es: 'No binario' },
  unknown: { en: 'Unknown', es: 'Desconocido' },
};

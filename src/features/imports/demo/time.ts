/** Instants in the demo: whole-second UTC ISO strings. */
export const DAY = 86_400_000;

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

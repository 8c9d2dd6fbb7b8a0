/**
 * Intake settings read from the environment. They live here, not in platform/config.ts, because
 * only intake uses them; docs/intake.md lists them.
 */
const num = (v: string | undefined, fallback: number): number => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

export const intakeSettings = {
  /** Reports one address may send per 10 minutes (the webform and its JSON API each). */
  reportRateLimit: num(process.env.WAYMARK_REPORT_RATE_LIMIT, 20),
  /** 'live' sends through Twilio and the SMTP relay; anything else records outbound messages in the database. */
  outbound: process.env.WAYMARK_OUTBOUND === 'live' ? ('live' as const) : ('development' as const),
  /** smtp://user:password@host:587 for advocates' email replies when outbound is live. */
  smtpRelay: process.env.WAYMARK_SMTP_RELAY ?? '',
  /** Group-commit transactions one process keeps open at once on PostgreSQL (batch.ts). */
  groupCommits: num(process.env.WAYMARK_INTAKE_GROUP_COMMITS, 2),
  /** Largest email accepted (bytes): bigger mail is refused with 552. */
  maxEmailBytes: num(process.env.WAYMARK_MAX_EMAIL_BYTES, 10 * 1024 * 1024),
};

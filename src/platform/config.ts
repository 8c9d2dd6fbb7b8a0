import path from 'node:path';
import { z } from 'zod';
import { FatalError } from './errors';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  WAYMARK_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  WAYMARK_PUBLIC_URL: z.string().url().optional(),
  WAYMARK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WAYMARK_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  WAYMARK_SMTP_HOST: z.string().optional(),
  WAYMARK_SMTP_TLS_CERT: z.string().optional(),
  WAYMARK_SMTP_TLS_KEY: z.string().optional(),
  WAYMARK_SMTP_REQUIRE_TLS: z.enum(['true', 'false']).default('false'),
  WAYMARK_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  WAYMARK_SECRET_KEY: z.string().optional(),
  WAYMARK_SECRET_KEY_FILE: z.string().optional(),
  WAYMARK_SECRET_KEY_PREVIOUS: z.string().optional(),
  WAYMARK_SECRET_KEY_PREVIOUS_FILE: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  logLevel: z.infer<typeof EnvSchema>['WAYMARK_LOG_LEVEL'];
  smtpPort: number;
  /** Address the SMTP listener binds to (WAYMARK_SMTP_HOST, else HOST). */
  smtpHost: string;
  /** PEM files for STARTTLS; read and checked by serve (src/features/intake/smtp-tls.ts). */
  smtpTlsCert: string | undefined;
  smtpTlsKey: string | undefined;
  /** Refuse mail (530) until the client has started TLS. */
  smtpRequireTls: boolean;
  secureCookies: boolean;
  /** The key stored secrets are sealed with, and the one being rotated away from (platform/secrets/keys.ts). */
  secretKey: string | undefined;
  secretKeyFile: string | undefined;
  previousSecretKey: string | undefined;
  previousSecretKeyFile: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new FatalError(`Invalid setting ${first?.path.join('.') ?? ''}: ${first?.message ?? 'not valid'}`);
  }
  const e = parsed.data;
  const port = overrides.port ?? e.PORT;
  const host = overrides.host ?? e.HOST;
  const publicUrl = overrides.publicUrl ?? e.WAYMARK_PUBLIC_URL ?? `http://localhost:${port}`;
  return {
    port,
    host,
    dataDir: inMemoryOrResolved(overrides.dataDir ?? e.WAYMARK_DATA_DIR),
    databaseUrl: overrides.databaseUrl ?? (e.DATABASE_URL || undefined),
    publicUrl,
    logLevel: overrides.logLevel ?? e.WAYMARK_LOG_LEVEL,
    smtpPort: overrides.smtpPort ?? e.WAYMARK_SMTP_PORT,
    smtpHost: overrides.smtpHost ?? (e.WAYMARK_SMTP_HOST || host),
    smtpTlsCert: overrides.smtpTlsCert ?? (e.WAYMARK_SMTP_TLS_CERT || undefined),
    smtpTlsKey: overrides.smtpTlsKey ?? (e.WAYMARK_SMTP_TLS_KEY || undefined),
    smtpRequireTls: overrides.smtpRequireTls ?? e.WAYMARK_SMTP_REQUIRE_TLS === 'true',
    secureCookies:
      overrides.secureCookies ??
      (e.WAYMARK_SECURE_COOKIES === 'auto'
        ? publicUrl.startsWith('https:')
        : e.WAYMARK_SECURE_COOKIES === 'true'),
    secretKey: overrides.secretKey ?? (e.WAYMARK_SECRET_KEY || undefined),
    secretKeyFile: overrides.secretKeyFile ?? (e.WAYMARK_SECRET_KEY_FILE || undefined),
    previousSecretKey: overrides.previousSecretKey ?? (e.WAYMARK_SECRET_KEY_PREVIOUS || undefined),
    previousSecretKeyFile:
      overrides.previousSecretKeyFile ?? (e.WAYMARK_SECRET_KEY_PREVIOUS_FILE || undefined),
  };
}

/** A folder, made absolute; `memory://` (an in-memory database) stays as it is. */
const inMemoryOrResolved = (dir: string): string => (dir.startsWith('memory://') ? dir : path.resolve(dir));

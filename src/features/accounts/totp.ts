import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

function totpFor(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Waymark',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export async function enrolmentFor(secret: string, label: string): Promise<{ uri: string; qrSvg: string }> {
  const uri = totpFor(secret, label).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { uri, qrSvg };
}

/**
 * The time step a code belongs to (allowing one step of clock drift), or null when it is wrong.
 * Callers refuse a step at or before the last one accepted, so a code cannot be replayed.
 */
export function verifyTotp(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secret, 'x').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

/** The current code, for tests and the CLI. */
export function currentTotp(secret: string, now = Date.now()): string {
  return totpFor(secret, 'x').generate({ timestamp: now });
}

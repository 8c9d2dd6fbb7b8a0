/** Twilio's webhook conventions: signed form posts, TwiML answers. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { escapeHtml } from '../../platform/html';

export type TwilioParams = Record<string, string | string[]>;
export const TwilioBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/**
 * X-Twilio-Signature: base64 HMAC-SHA1, keyed with the auth token, of the full URL Twilio requested
 * followed by every POST parameter, sorted by name, as name + value.
 */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    for (const v of Array.isArray(value) ? value : [value ?? '']) data += name + v;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

export function signatureValid(
  authToken: string,
  url: string,
  params: TwilioParams,
  given: string | undefined,
): boolean {
  if (!given) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Throws 403 unless the request is signed with the channel's token; nothing has been stored yet. */
export function assertSigned(
  authToken: string | null | undefined,
  url: string,
  params: TwilioParams,
  given: unknown,
): void {
  const header = typeof given === 'string' ? given : undefined;
  if (!authToken || !signatureValid(authToken, url, params, header)) {
    throw new AppError('forbidden', 'The request signature is not valid.');
  }
}

/** Reads the named fields as strings: 400 with field paths when one is missing. */
export function fields<K extends string>(
  params: TwilioParams,
  required: readonly K[],
  optional: readonly string[] = [],
): Record<K, string> & Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const missing: Array<{ path: string; message: string }> = [];
  for (const name of [...required, ...optional]) {
    const v = params[name];
    const s = Array.isArray(v) ? v[0] : v;
    if (s === undefined && (required as readonly string[]).includes(name))
      missing.push({ path: `body.${name}`, message: 'Required' });
    else if (s !== undefined && s.length > 2000 && name !== 'Body')
      missing.push({ path: `body.${name}`, message: 'Too long' });
    out[name] = s;
  }
  if (missing.length)
    throw new AppError('validation_failed', 'Some fields are missing or not valid.', { fields: missing });
  return out as Record<K, string> & Record<string, string | undefined>;
}

const xml = (s: string): string => escapeHtml(s);

export const twiml = {
  empty: (): string => '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
  message: (text: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${xml(text)}</Message></Response>`,
  dial: (numbers: string[], busyText: string): string =>
    numbers.length
      ? `<?xml version="1.0" encoding="UTF-8"?><Response><Dial answerOnBridge="true" timeout="30">${numbers
          .map((n) => `<Number>${xml(n)}</Number>`)
          .join('')}</Dial></Response>`
      : `<?xml version="1.0" encoding="UTF-8"?><Response><Say>${xml(busyText)}</Say></Response>`,
};

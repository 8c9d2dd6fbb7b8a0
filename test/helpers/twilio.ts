/** Twilio's side of the wire for API tests: a webhook posted as Twilio posts it. */
import twilio from 'twilio';
import type { TestApp } from './app';

/**
 * Posts `params` form-encoded to the webhook at `path`, signed by Twilio's own library with
 * `token` over the URL Twilio would have called (the app's public URL and the path).
 */
export function postAsTwilio(app: TestApp, path: string, params: Record<string, string>, token: string) {
  const signature = twilio.getExpectedTwilioSignature(token, `${app.config.publicUrl}${path}`, params);
  return app.http.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    payload: new URLSearchParams(params).toString(),
  });
}

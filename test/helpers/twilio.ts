/** Twilio's side of the wire for API tests: a webhook posted as Twilio posts it. */
import twilio from 'twilio';
import type { TestApp } from './app';

/**
 * Posts `params` form-encoded to the webhook at `path`, signed by Twilio's own library with
 * `token` over the URL Twilio would have called (the app's public URL and the path).
 */
export function postAsTwilio(app: TestApp, path: string, params: Record<string, string>, token: string) {
  const url = `${app.config.publicUrl.replace(/\/$/, '')}${path}`;
  const signature = twilio.getExpectedTwilioSignature(token, url, params);
  return app.http.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    payload: new URLSearchParams(params).toString(),
  });
}

/** A text without pictures to the number `to`, as Twilio posts it, signed with `token`. */
export function textAsTwilio(
  app: TestApp,
  token: string,
  text: { sid: string; to: string; from?: string; body?: string },
) {
  const params = {
    MessageSid: text.sid,
    From: text.from ?? '+16015550999',
    To: text.to,
    Body: text.body ?? 'Help',
    NumMedia: '0',
  };
  return postAsTwilio(app, '/hooks/twilio/sms', params, token);
}

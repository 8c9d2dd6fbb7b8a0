/** Twilio's side of the wire for browser tests: a text delivered as Twilio delivers it. */
import twilio from 'twilio';

/**
 * Posts a text to the server's SMS webhook, signed with `token` by Twilio's own library, and
 * answers the HTTP status.
 */
export async function textFromTwilio(
  serverUrl: string,
  token: string,
  text: { sid: string; from: string; to: string; body: string },
): Promise<number> {
  const url = `${serverUrl}/hooks/twilio/sms`;
  const params = { MessageSid: text.sid, From: text.from, To: text.to, Body: text.body, NumMedia: '0' };
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(token, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  return res.status;
}

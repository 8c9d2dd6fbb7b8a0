/** What the channel admin API takes and answers. A Twilio auth token goes in and never comes out. */
import { z } from 'zod';

export const CHANNEL_KINDS = ['text', 'phone', 'email', 'webform'] as const;
export const ChannelKindSchema = z.enum(CHANNEL_KINDS);

/** Twilio's account SIDs: AC and 32 hexadecimal digits. */
export const TwilioAccountSid = z
  .string()
  .trim()
  .regex(/^AC[0-9a-fA-F]{32}$/, 'Enter the Account SID from Twilio’s console (AC and 32 characters)');
/** Twilio's auth tokens are 32 characters; anything shorter than 8 is surely a mistake. */
export const TwilioAuthToken = z
  .string()
  .trim()
  .min(8, 'Enter the auth token from Twilio’s console')
  .max(200, 'Use at most 200 characters');

/**
 * The address is checked per kind by the service (a phone number, an email address, a slug), so the
 * message can name what the kind expects. Token: omitted keeps it, null clears it.
 */
export const ChannelFields = z.object({
  address: z.string().max(320),
  twilioAccountSid: TwilioAccountSid.nullable().optional(),
  twilioAuthToken: TwilioAuthToken.nullable().optional(),
  advocateNumbers: z.array(z.string().max(40)).max(20).optional(),
});
export const AddChannelBody = ChannelFields.extend({ kind: ChannelKindSchema });
export const ChangeChannelBody = ChannelFields.partial();
export type AddChannelInput = z.infer<typeof AddChannelBody>;
export type ChangeChannelInput = z.infer<typeof ChangeChannelBody>;

export const ChannelIdParams = z.object({ id: z.string().uuid() });

/** The addresses to paste into Twilio's console for a number. */
export const TwilioWebhooks = z.object({
  sms: z.string(),
  smsStatus: z.string(),
  voice: z.string(),
  voiceStatus: z.string(),
});

export const ChannelView = z.object({
  id: z.string(),
  kind: ChannelKindSchema,
  address: z.string(),
  twilioAccountSid: z.string().nullable(),
  /** Whether a token is stored, and its last four characters: the token itself never leaves. */
  twilioAuthToken: z.object({ set: z.boolean(), last4: z.string().nullable() }),
  advocateNumbers: z.array(z.string()),
  createdAt: z.date(),
});
export type ChannelViewT = z.infer<typeof ChannelView>;

export const ChannelList = z.object({ channels: z.array(ChannelView), webhooks: TwilioWebhooks });
export const ChannelRemoved = z.object({ ok: z.literal(true) });

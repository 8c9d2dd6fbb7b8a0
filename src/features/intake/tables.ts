/** Row types for the intake tables (migrations/0002_intake.sql), merged into the shared DB type. */
import type { ColumnType, Generated } from 'kysely';
import type { Channel } from '../../platform/db/schema';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string | undefined, string>;

export type ChannelKind = 'text' | 'phone' | 'email' | 'webform';

export interface HotlineChannelsTable {
  id: Generated<string>;
  hotline_id: string;
  kind: ChannelKind;
  address: string;
  twilio_account_sid: string | null;
  twilio_auth_token: string | null;
  advocate_numbers: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
}

export interface SignalMessagesTable {
  id: Generated<string>;
  hotline_id: string;
  signal_id: string;
  channel: Channel;
  direction: 'in' | 'out';
  provider_id: string | null;
  body: Generated<string>;
  meta: Json;
  sent_by: string | null;
  delivery_status: string | null;
  created_at: CreatedAt;
}

export interface SignalAttachmentsTable {
  id: Generated<string>;
  hotline_id: string;
  signal_id: string;
  message_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  data: Buffer;
  created_at: CreatedAt;
}

export interface SmsOptOutsTable {
  hotline_id: string;
  phone: string;
  opted_out_at: CreatedAt;
}

export interface IntakeDevOutboxTable {
  id: Generated<string>;
  hotline_id: string;
  channel: 'text' | 'email';
  recipient: string;
  body: string;
  meta: Json;
  created_at: CreatedAt;
}

export interface IntakeKeysTable {
  name: string;
  key: Buffer;
  created_at: CreatedAt;
}

declare module '../../platform/db/schema' {
  interface DB {
    hotline_channels: HotlineChannelsTable;
    signal_messages: SignalMessagesTable;
    signal_attachments: SignalAttachmentsTable;
    sms_opt_outs: SmsOptOutsTable;
    intake_dev_outbox: IntakeDevOutboxTable;
    intake_keys: IntakeKeysTable;
  }
  interface SignalsTable {
    thread_key: string | null;
    append_secret_hash: string | null;
  }
}

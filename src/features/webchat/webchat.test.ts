import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../e2e/helpers/server';
import { createUser } from '../accounts/users';
import { insertHotline } from '../hotlines/store';
import { systemActor } from '../../platform/audit/audit';
import type { Role } from '../../platform/auth/actor';
import { ChatClient, signInOverHttp } from './test-client';

let server: RunningServer;
let hotline: { id: string; slug: string };
let advocateCookie: string;
const open: ChatClient[] = [];
const PASSWORD = 'correct horse battery staple';

async function person(role: Role, hotlineId: string): Promise<string> {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  await createUser(server.database.db, systemActor('cli:test', hotlineId), {
    hotlineId,
    email,
    displayName: `Test ${role}`,
    role,
    password: PASSWORD,
    states: [],
  });
  return signInOverHttp(server.url, email, PASSWORD);
}

async function visitor(): Promise<ChatClient> {
  const c = await ChatClient.open(server.url, '/ws/chat');
  open.push(c);
  return c;
}
async function advocate(cookie = advocateCookie): Promise<ChatClient> {
  const c = await ChatClient.open(server.url, '/ws/chat/console', { cookie });
  open.push(c);
  return c;
}
const start = (v: ChatClient, state = 'MS'): void =>
  v.send({ type: 'start', language: 'es', state, safeToChat: false, hotline: hotline.slug });

beforeAll(async () => {
  server = await startServer();
  hotline = await insertHotline(server.database.db, { name: `Webchat ${Date.now()}` });
  advocateCookie = await person('advocate', hotline.id);
});
afterAll(async () => {
  for (const c of open) c.close();
  await server?.close();
});

it('queues visitors, lets an advocate accept, and carries messages and typing both ways', async () => {
  const first = await visitor();
  start(first);
  const started = await first.next('started');
  expect(started.position).toBe(1);
  const second = await visitor();
  start(second, 'TX');
  expect((await second.next('started')).position).toBe(2);

  const adv = await advocate();
  const queue = await adv.next('queue', (e) => (e.chats as unknown[]).length === 2);
  expect(queue.chats).toMatchObject([
    { chatId: started.chatId, language: 'es', state: 'MS', safeToChat: false },
    { state: 'TX' },
  ]);

  adv.send({ type: 'accept', chatId: started.chatId });
  const chat = await adv.next('chat');
  expect(chat.chat).toMatchObject({ chatId: started.chatId, status: 'active', messages: [] });
  await first.next('accepted');
  await second.next('queue', (e) => e.position === 1);
  await adv.next('queue', (e) => (e.chats as unknown[]).length === 1);

  first.send({ type: 'message', clientId: 'v1', text: 'Necesito ayuda' });
  const ack = await first.next('ack');
  expect(ack).toMatchObject({ clientId: 'v1', id: expect.any(String) });
  const got = await adv.next('message');
  expect(got).toMatchObject({
    chatId: started.chatId,
    message: { id: ack.id, from: 'visitor', text: 'Necesito ayuda' },
  });

  adv.send({ type: 'message', chatId: started.chatId, clientId: 'a1', text: 'Estoy aquí para ayudarle' });
  const advAck = await adv.next('ack');
  const reply = await first.next('message');
  expect(reply.message).toMatchObject({ id: advAck.id, from: 'advocate', text: 'Estoy aquí para ayudarle' });

  first.send({ type: 'typing', typing: true });
  expect(await adv.next('typing')).toMatchObject({ chatId: started.chatId, typing: true });
  adv.send({ type: 'typing', chatId: started.chatId, typing: true });
  expect(await first.next('typing')).toMatchObject({ typing: true });

  // The transcript is the signal: a webchat signal of this hotline, its lines in order.
  const signal = await server.database.db
    .selectFrom('signals')
    .select(['id', 'channel', 'language', 'state', 'assigned_to'])
    .where('id', '=', (chat.chat as { signalId: string }).signalId)
    .where('hotline_id', '=', hotline.id)
    .executeTakeFirstOrThrow();
  expect(signal).toMatchObject({ channel: 'webchat', language: 'es', state: 'MS' });
  const lines = await server.database.db
    .selectFrom('signal_messages')
    .select(['id', 'direction', 'body'])
    .where('signal_id', '=', signal.id)
    .orderBy('created_at')
    .execute();
  expect(lines).toEqual([
    { id: ack.id, direction: 'in', body: 'Necesito ayuda' },
    { id: advAck.id, direction: 'out', body: 'Estoy aquí para ayudarle' },
  ]);
  const audited = await server.database.db
    .selectFrom('audit_events')
    .select(['action', 'actor_label', 'ip'])
    .where('subject_id', '=', signal.id)
    .execute();
  const actions = audited.map((a) => a.action);
  expect(actions).toEqual(expect.arrayContaining(['webchat.started', 'webchat.accepted']));
  expect(actions.filter((a) => a.startsWith('signal.message') || a === 'signal.reply_sent')).toHaveLength(2);
  // No address is kept for an anonymous visitor.
  expect(audited.filter((a) => a.actor_label === 'public:webchat').every((a) => a.ip === null)).toBe(true);

  // The advocate ends the chat; the visitor hears it, and the chat cannot be resumed.
  adv.send({ type: 'end', chatId: started.chatId });
  expect(await first.next('ended')).toMatchObject({ by: 'advocate' });
  // A line sent after the end is refused and stored nowhere.
  adv.send({ type: 'message', chatId: started.chatId, clientId: 'late', text: 'Sigue ahí?' });
  expect(await adv.next('error', (e) => e.code === 'chat_ended')).toBeTruthy();
  const afterEnd = await server.database.db
    .selectFrom('signal_messages')
    .select('id')
    .where('signal_id', '=', signal.id)
    .execute();
  expect(afterEnd).toHaveLength(2);
  const again = await visitor();
  again.send({ type: 'resume', token: started.token });
  expect(await again.next('error')).toMatchObject({ code: 'resume_failed' });
});

it('gives a visitor who reconnects the same chat back, with the transcript', async () => {
  const v = await visitor();
  start(v);
  const started = await v.next('started');
  const adv = await advocate();
  adv.send({ type: 'accept', chatId: started.chatId });
  await adv.next('chat');
  v.send({ type: 'message', clientId: 'x', text: 'hello' });
  await v.next('ack');
  v.close();
  expect(await adv.next('presence')).toMatchObject({ chatId: started.chatId, present: false });

  adv.send({ type: 'message', chatId: started.chatId, clientId: 'y', text: 'still here?' });
  await adv.next('ack');

  const back = await visitor();
  back.send({ type: 'resume', token: started.token });
  const resumed = await back.next('resumed');
  expect(resumed).toMatchObject({ chatId: started.chatId, status: 'active', position: null });
  expect((resumed.messages as Array<{ text: string }>).map((m) => m.text)).toEqual(['hello', 'still here?']);
  expect(await adv.next('presence')).toMatchObject({ present: true });
  back.send({ type: 'end' });
  expect(await adv.next('ended')).toMatchObject({ chatId: started.chatId, by: 'visitor' });
  expect((await back.closed).code).toBe(1000);
});

it('answers bad input with an error event, throttles a flood and closes it with 1008, and a huge frame with 1009', async () => {
  const v = await visitor();
  v.send('{not json');
  expect(await v.next('error')).toMatchObject({ code: 'malformed_json' });
  v.send({ type: 'message', clientId: 'z', text: 'before start' });
  expect(await v.next('error')).toMatchObject({ code: 'not_started' });
  v.send({ type: 'start', language: 'english', state: 'XX', safeToChat: 'yes' });
  expect(await v.next('error')).toMatchObject({ code: 'bad_frame' });
  // Still usable after all that.
  start(v);
  await v.next('started');

  for (let i = 0; i < 200; i++) v.send({ type: 'typing', typing: i % 2 === 0 });
  expect(await v.next('error', (e) => e.code === 'slow_down')).toBeTruthy();
  expect(await v.closed).toMatchObject({ code: 1008 });

  const big = await visitor();
  big.send({ type: 'message', clientId: 'b', text: 'x'.repeat(20_000) });
  expect((await big.closed).code).toBe(1009);
});

it('lets only signed-in advocates, supervisors and admins of the hotline answer chats', async () => {
  await expect(ChatClient.open(server.url, '/ws/chat/console')).rejects.toThrow('HTTP 401');
  const analyst = await person('analyst', hotline.id);
  await expect(advocate(analyst)).rejects.toThrow('HTTP 403');
  await expect(ChatClient.open(server.url, '/ws/chat', { origin: 'https://evil.example' })).rejects.toThrow(
    'HTTP 403',
  );

  const v = await visitor();
  start(v);
  const { chatId } = await v.next('started');
  const other = await insertHotline(server.database.db, { name: `Other ${Date.now()}` });
  const stranger = await advocate(await person('advocate', other.id));
  stranger.send({ type: 'accept', chatId });
  expect(await stranger.next('error')).toMatchObject({ code: 'not_found', chatId });
  stranger.send({ type: 'message', chatId, clientId: 's', text: 'hi' });
  expect(await stranger.next('error', (e) => e.code === 'not_found')).toBeTruthy();

  const supervisor = await advocate(await person('supervisor', hotline.id));
  supervisor.send({ type: 'accept', chatId });
  await supervisor.next('chat');
  const late = await advocate();
  late.send({ type: 'accept', chatId });
  expect(await late.next('error')).toMatchObject({ code: 'already_taken' });
});

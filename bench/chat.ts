/**
 * Webchat delivery latency: CHATS simultaneous chats over two `waymark serve` processes sharing one
 * throwaway PostgreSQL. Visitors connect to process A, advocates to process B, so every message
 * crosses processes through the database (commit, NOTIFY, LISTEN). Loopback only; bounded in
 * chats, rounds and time.
 *
 *   npm run bench:chat                    (defaults: 200 chats, 40 advocates, 5 rounds, 3 s think)
 *   CHATS=50 ROUNDS=5 npm run bench:chat
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { insertSession } from '../src/features/accounts/store';
import { hashToken, newToken } from '../src/features/accounts/tokens';
import { createUser } from '../src/features/accounts/users';
import { insertHotline } from '../src/features/hotlines/store';
import { ChatClient, type ChatEvent } from '../src/features/webchat/test-client';
import { createDatabase, startServerProcess, type ServerProcess } from '../src/features/webchat/test-servers';
import { systemActor } from '../src/platform/audit/audit';
import { openDatabase } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';
import { startCluster } from '../test/pg-cluster';

const CHATS = Math.min(Number(process.env.CHATS ?? 200), 500);
const ADVOCATES = Math.min(Number(process.env.ADVOCATES ?? 40), CHATS);
const ROUNDS = Math.min(Number(process.env.ROUNDS ?? 5), 50);
/** Pause between one reply and the next message in a chat: people read and type. */
const THINK_MS = Number(process.env.THINK_MS ?? 3000);
const DEADLINE_MS = 180_000;

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
function summary(name: string, values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  const f = (n: number): string => n.toFixed(1).padStart(7);
  return `${name.padEnd(28)} n=${String(s.length).padStart(5)}  p50=${f(pct(s, 50))} ms  p90=${f(pct(s, 90))} ms  p99=${f(pct(s, 99))} ms  max=${f(s.at(-1) ?? NaN)} ms`;
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const timer = setTimeout(() => {
    console.error('bench:chat ran past its time limit');
    process.exit(2);
  }, DEADLINE_MS + 60_000);
  timer.unref();

  console.log(`Starting a throwaway PostgreSQL cluster and two waymark processes...`);
  const cluster = await startCluster();
  const servers: ServerProcess[] = [];
  const clients: ChatClient[] = [];
  try {
    const url = await createDatabase(cluster.url, `waymark_bench_${randomBytes(4).toString('hex')}`);
    const database = await openDatabase({ dataDir: '', databaseUrl: url, maxConnections: 2 });
    await migrate(database.db);
    const hotline = await insertHotline(database.db, { name: 'Bench hotline' });
    // Sessions are written directly: the sign-in routes are rate limited per address, on purpose.
    const cookies: string[] = [];
    for (let i = 0; i < ADVOCATES; i++) {
      const user = await createUser(database.db, systemActor('cli:bench', hotline.id), {
        hotlineId: hotline.id,
        email: `advocate-${i}@bench.example`,
        displayName: `Advocate ${i}`,
        role: 'advocate',
        password: 'bench password long enough',
        states: [],
      });
      const token = newToken();
      await insertSession(database.db, {
        id: hashToken(token),
        userId: user.id,
        hotlineId: hotline.id,
        stage: 'complete',
        ip: null,
        userAgent: 'bench',
        expiresAt: new Date(Date.now() + 3600_000),
      });
      cookies.push(`wm_session=${token}`);
    }
    await database.close();
    // One after the other: the first creates what a fresh database needs (background jobs' schema).
    servers.push(await startServerProcess(url));
    servers.push(await startServerProcess(url));
    const [a, b] = servers as [ServerProcess, ServerProcess];

    // Visitors on A join the queue.
    const visitors = await Promise.all(
      Array.from({ length: CHATS }, () => ChatClient.open(a.url, '/ws/chat')),
    );
    clients.push(...visitors);
    const queueStart = performance.now();
    for (const v of visitors) v.send({ type: 'start', language: 'en', state: 'MS', safeToChat: true });
    const chatIds = (await Promise.all(visitors.map((v) => v.next('started', undefined, 60_000)))).map(
      (e) => e.chatId as string,
    );
    const queued = performance.now() - queueStart;

    // Advocates on B accept their share.
    const advocates = await Promise.all(
      cookies.map((cookie) => ChatClient.open(b.url, '/ws/chat/console', { cookie })),
    );
    clients.push(...advocates);
    const owner = chatIds.map((_, i) => advocates[i % ADVOCATES]!);
    const acceptStart = performance.now();
    chatIds.forEach((chatId, i) => owner[i]!.send({ type: 'accept', chatId }));
    await Promise.all(
      chatIds.map((chatId, i) =>
        owner[i]!.next('chat', (e) => (e.chat as { chatId: string }).chatId === chatId, 60_000),
      ),
    );
    await Promise.all(visitors.map((v) => v.next('accepted', undefined, 60_000)));
    const accepted = performance.now() - acceptStart;

    // Each chat: the visitor writes, the advocate answers as soon as it arrives, ROUNDS times.
    const toAdvocate: number[] = [];
    const toVisitor: number[] = [];
    const acks: number[] = [];
    const runStart = performance.now();
    let messages = 0;
    await Promise.all(
      chatIds.map(async (chatId, i) => {
        const v = visitors[i]!;
        const adv = owner[i]!;
        await sleep(Math.random() * THINK_MS);
        for (let r = 0; r < ROUNDS; r++) {
          const text = `c${i} r${r} visitor`;
          const sent = performance.now();
          v.send({ type: 'message', clientId: `v${r}`, text });
          const [ack] = await Promise.all([
            v.next('ack', (e) => e.clientId === `v${r}`),
            adv.next('message', (e: ChatEvent) => (e.message as { text: string }).text === text),
          ]);
          void ack;
          toAdvocate.push(performance.now() - sent);
          const reply = `c${i} r${r} advocate`;
          const replied = performance.now();
          adv.send({ type: 'message', chatId, clientId: `a${i}-${r}`, text: reply });
          await v.next('message', (e) => (e.message as { text: string }).text === reply);
          toVisitor.push(performance.now() - replied);
          messages += 2;
          await sleep(THINK_MS * (0.5 + Math.random()));
        }
      }),
    );
    const ran = (performance.now() - runStart) / 1000;
    // Acknowledgement times come from a separate, quieter pass: one message per chat.
    await Promise.all(
      visitors.map(async (v, i) => {
        await sleep(Math.random() * 1000);
        const t = performance.now();
        v.send({ type: 'message', clientId: 'final', text: `c${i} final` });
        await v.next('ack', (e) => e.clientId === 'final');
        acks.push(performance.now() - t);
      }),
    );

    console.log(
      `\nWebchat benchmark: ${CHATS} chats, ${ADVOCATES} advocates, ${ROUNDS} rounds, think ${THINK_MS} ms`,
    );
    console.log(
      `Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    console.log(
      `Queued ${CHATS} chats in ${queued.toFixed(0)} ms; accepted all in ${accepted.toFixed(0)} ms`,
    );
    console.log(`${messages} messages in ${ran.toFixed(1)} s (${(messages / ran).toFixed(0)} messages/s)`);
    console.log(summary('visitor (A) -> advocate (B)', toAdvocate));
    console.log(summary('advocate (B) -> visitor (A)', toVisitor));
    console.log(summary('both directions', [...toAdvocate, ...toVisitor]));
    console.log(summary('send -> ack (after commit)', acks));
  } finally {
    for (const c of clients) c.close();
    await Promise.all(servers.map((s) => s.stop()));
    cluster.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

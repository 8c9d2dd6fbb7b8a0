/**
 * A helper thread for batch runs (compare-worker.ts), called synchronously: the caller posts work,
 * does its own share, then blocks until the helper's reply arrives (Atomics.wait on a shared
 * counter, receiveMessageOnPort). Typed arrays are transferred, not copied.
 *
 * Where the helper's code is found:
 *   - the built CLI (dist/cli.js, `npm run build:server`) has it bundled next to it as
 *     dist/linkage-worker.js, a second esbuild entry, run as plain JavaScript;
 *   - the TypeScript sources (tsx, vitest) have compare-worker.ts next to this file, run through
 *     tsx's loader.
 * Where neither is found, `start` returns null and the run stays on one thread, with the same result.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Request } from './compare-worker';

/** The file name of the bundled helper, next to the bundle that starts it (see package.json). */
export const BUNDLED_WORKER = 'linkage-worker.js';

const BOOT_TS = `
const { workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const fail = (e) => {
  workerData.port.postMessage({ error: String((e && e.stack) || e) });
  Atomics.add(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
};
(async () => {
  (await import(pathToFileURL(workerData.tsx).href)).register();
  await import(pathToFileURL(workerData.file).href);
})().catch(fail);`;

/** The helper as a bundled JavaScript file, or as the TypeScript source run through tsx. */
function helperCode(): { script: string; eval: boolean; file: string; tsx?: string } | null {
  const bundled = fileURLToPath(new URL(`./${BUNDLED_WORKER}`, import.meta.url));
  if (existsSync(bundled)) return { script: bundled, eval: false, file: bundled };
  const source = fileURLToPath(new URL('./compare-worker.ts', import.meta.url));
  if (!existsSync(source)) return null;
  try {
    // The ES module build of tsx's loader API, next to the CommonJS one `require` finds.
    const tsx = createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs');
    return { script: BOOT_TS, eval: true, file: source, tsx };
  } catch {
    return null;
  }
}

/** How long to wait for one reply before giving up (a million records take well under this). */
const REPLY_TIMEOUT_MS = 30 * 60_000;

export class Helper {
  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
  ) {}

  static start(): Helper | null {
    const code = helperCode();
    if (!code) return null;
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(code.script, {
      eval: code.eval,
      workerData: { port: port2, signal, file: code.file, tsx: code.tsx },
      transferList: [port2],
      resourceLimits: {
        maxOldGenerationSizeMb: Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20),
      },
    });
    worker.unref();
    return new Helper(worker, port1, signal);
  }

  send(req: Request, transfer: ArrayBuffer[] = []): void {
    this.port.postMessage(req, transfer);
  }

  /** The next reply (the start-up notice skipped); throws what the helper threw. */
  wait<T>(): T {
    const deadline = Date.now() + REPLY_TIMEOUT_MS;
    for (;;) {
      const received = receiveMessageOnPort(this.port);
      if (received) {
        const message = received.message as { error?: string; started?: boolean } | null;
        if (message && typeof message === 'object' && 'started' in message) continue;
        if (message && typeof message === 'object' && 'error' in message)
          throw new Error(`linkage helper thread failed: ${message.error}`);
        return message as T;
      }
      if (Date.now() > deadline) throw new Error('linkage helper thread did not answer');
      Atomics.wait(this.signal, 0, Atomics.load(this.signal, 0), 50);
    }
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

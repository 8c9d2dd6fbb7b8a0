/**
 * The helper thread of a parallel batch run (parallel.ts): it prepares its own copy of the records,
 * then builds blocking keys, compares its share of the candidate pairs and estimates u when asked.
 * Each reply is posted on the port and announced through the shared signal, so that the calling
 * thread can wait for it synchronously.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { DEFAULT_RULES, ruleKeys } from './blocking';
import { COMPARISON_COUNT, compareInto } from './comparisons';
import { estimateU } from './model';
import { prepare, type LinkRecord, type Prepared } from './record';

export type Request =
  | { kind: 'records'; records: LinkRecord[] }
  | { kind: 'keys'; rules: number[] }
  | { kind: 'compare'; left: Uint32Array; right: Uint32Array }
  | { kind: 'estimateU'; samplePairs: number; seed: number };

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
let prepared: Prepared[] = [];

function reply(message: unknown, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function handle(req: Request): void {
  switch (req.kind) {
    case 'records':
      prepared = req.records.map(prepare);
      return reply({ ok: true });
    case 'keys': {
      const all = ruleKeys(
        prepared,
        req.rules.map((r) => DEFAULT_RULES[r]!),
        req.rules,
      );
      return reply(
        all.map((k) => k.hashes),
        all.map((k) => k.hashes.buffer as ArrayBuffer),
      );
    }
    case 'compare': {
      const levels = new Int8Array(req.left.length * COMPARISON_COUNT);
      for (let p = 0; p < req.left.length; p++)
        compareInto(prepared[req.left[p]!]!, prepared[req.right[p]!]!, levels, p * COMPARISON_COUNT);
      return reply(levels, [levels.buffer]);
    }
    case 'estimateU':
      return reply(estimateU(prepared, { samplePairs: req.samplePairs, seed: req.seed }));
  }
}

port.on('message', (req: Request) => {
  try {
    handle(req);
  } catch (err) {
    reply({ error: (err as Error).stack ?? String(err) });
  }
});
reply({ started: true });

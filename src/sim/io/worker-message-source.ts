/**
 * The parties' messages of a scenario prepared in a worker thread (message-source-worker.ts), for a live run in a
 * process that also serves (`serve` with its simulator): the slot ledger's warm-up (the boxes of the calls in port,
 * about a million steps and two gigabytes for `serve`'s first window) runs on a core of its own, so the server keeps
 * its whole event loop and the first boxes come as soon as that core has generated them. The worker runs the same
 * model from the same scenario, so the messages are those `messageSourceOf(run)` gives in the main thread.
 *
 * The interface is the synchronous `SimMessageSource` a live run drives: `prepare` asks the worker for the window
 * and says true until its answer is in (the run pauses between calls), `messagesIn` hands the answer out. It is
 * for a caller that prepares each window before taking it (`runLive`); `messagesIn` without a finished `prepare`
 * is an error.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScenarioInput } from '../scenario.js';
import type { SimMessage, SimMessageSource } from '../sim-message.js';

/** What the worker is started with. */
export interface WorkerSourceData {
  readonly scenario: ScenarioInput;
  /** The first window's start: the worker prepares its boxes before it is asked. */
  readonly firstFromMs?: number | undefined;
}

export interface WindowRequest {
  readonly fromMs: number;
  readonly toMs: number;
}

export type WindowAnswer = WindowRequest &
  (
    | {
        readonly messages: readonly SimMessage[];
        /** Wall ms the worker spent on the first window's boxes before any request. */
        readonly warmMs: number;
      }
    | { readonly error: string }
  );

export interface WorkerMessageSource extends SimMessageSource {
  /** Asks the worker for the window; true until its answer is in. Throws the worker's failure. */
  prepare(fromMs: number, toMs: number): boolean;
  /** Wall ms the worker spent on the first window's boxes (known once the first window is answered). */
  warmMs(): number | undefined;
  /** Stops the worker (a window asked for is dropped). */
  close(): Promise<void>;
}

const WORKER_URL = new URL('./message-source-worker.js', import.meta.url);

/** Whether the worker can start here: its compiled module is beside this one (dist/, not the TypeScript sources). */
export function workerSourceAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

const key = (fromMs: number, toMs: number): string => `${fromMs}|${toMs}`;

export function workerMessageSource(data: WorkerSourceData): WorkerMessageSource {
  const worker = new Worker(WORKER_URL, { workerData: data });
  worker.unref(); // never what keeps a process alive
  const asked = new Set<string>();
  const answers = new Map<string, readonly SimMessage[]>();
  let failure: Error | null = null;
  let warmMs: number | undefined;
  worker.on('message', (answer: WindowAnswer) => {
    if ('error' in answer) {
      failure ??= new Error(`simulator worker: ${answer.error}`);
      return;
    }
    warmMs ??= answer.warmMs;
    answers.set(key(answer.fromMs, answer.toMs), answer.messages);
  });
  worker.on('error', (error) => {
    failure ??= error;
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`simulator worker: exited (code ${code})`);
  });
  return {
    prepare(fromMs, toMs) {
      if (failure) throw failure;
      const k = key(fromMs, toMs);
      if (answers.has(k)) return false;
      if (!asked.has(k)) {
        asked.add(k);
        worker.postMessage({ fromMs, toMs } satisfies WindowRequest);
      }
      return true;
    },
    messagesIn(fromMs, toMs) {
      if (failure) throw failure;
      const k = key(fromMs, toMs);
      const messages = answers.get(k);
      if (!messages) throw new Error(`simulator worker: window ${k} taken before it was prepared`);
      answers.delete(k);
      asked.delete(k);
      return messages;
    },
    warmMs: () => warmMs,
    async close() {
      failure ??= new Error('simulator worker: closed');
      await worker.terminate();
    },
  };
}

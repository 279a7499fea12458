/**
 * The worker thread behind `workerMessageSource` (worker-message-source.ts): it runs the model of the scenario it
 * is given, starts on the first window's boxes at once (the slot ledger's warm-up: about a million steps for
 * `serve`'s first window), and answers each window asked for, in the order asked, with its messages. It never
 * touches the product: the main thread sends what it answers through the real ingestion paths.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSimInputs } from './load-sim-inputs.js';
import { parseScenario } from '../scenario.js';
import { messageSourceOf } from '../sim-sources.js';
import { simulate } from '../simulate.js';
import type { WindowAnswer, WindowRequest, WorkerSourceData } from './worker-message-source.js';

const port = parentPort;
if (!port) throw new Error('message-source-worker runs as a worker thread (worker-message-source.ts starts it)');
const data = workerData as WorkerSourceData;

const parsed = parseScenario(data.scenario);
if (!parsed.ok) throw new Error(`simulator scenario: ${parsed.errors.join('; ')}`);
const source = messageSourceOf(simulate(parsed.scenario, loadSimInputs()));
const startedMs = performance.now();
// The first window's boxes before its request arrives: the request waits in the port's queue meanwhile.
if (data.firstFromMs !== undefined) while (source.prepare?.(data.firstFromMs, data.firstFromMs + 1));
const warmMs = performance.now() - startedMs;

port.on('message', (request: WindowRequest) => {
  let answer: WindowAnswer;
  try {
    while (source.prepare?.(request.fromMs, request.toMs));
    answer = { ...request, messages: source.messagesIn(request.fromMs, request.toMs), warmMs };
  } catch (error) {
    answer = { ...request, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(answer);
});

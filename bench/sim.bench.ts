/**
 * Simulator throughput (issue 12) for a full-port month (January 2018, seed 7; `quick`: 3 days): January
 * 2018 against the calibration, cargo model only (`sim month calibration`: simulated days/s, each port's TEU
 * against its 2018 figure, dwell and truck turn; a whole month even when quick), the
 * model alone (simulated days per wall-clock second for the ship, berth and queue model), the model
 * plus AIS generation (simulated days per second and AIS lines per second, lines built in memory one hour
 * at a time as `openpcs sim --out` does, without the disk write), the cargo messages of the same month
 * (messages and bytes per second, generated one hour at a time through `cargoMessageSource`; `sim cargo
 * month`: with the peak heap and RSS of the run; `sim month emitted`: days/s and AIS lines + messages/s of
 * the whole month), and the live
 * path at full speed (`sim --live --speed max`): the month emitted through the simulator's TCP AIS source to
 * a client reading the socket, with the parties' messages of every message source (`sim/sim-sources.ts`),
 * in messages/s.
 */
import { connect } from 'node:net';
import { AisReporter } from '../src/sim/ais/ais-reporter.js';
import { cargoMessageSource } from '../src/sim/cargo/cargo-message-source.js';
import { equipmentTelemetrySource } from '../src/sim/equipment/equipment-telemetry.js';
import { AisTcpServer } from '../src/sim/io/ais-tcp-server.js';
import { runLive } from '../src/sim/io/live-run.js';
import { loadSimInputs } from '../src/sim/io/load-sim-inputs.js';
import { calibrateMonth } from '../src/sim/month-calibration.js';
import { messageSourceOf } from '../src/sim/sim-sources.js';
import { parseScenario } from '../src/sim/scenario.js';
import { simulate } from '../src/sim/simulate.js';
import type { BenchSuite } from './bench-record.js';

const HOUR = 3_600_000;

const suite: BenchSuite = async (emit, { quick }) => {
  const days = quick ? 3 : 31;
  const parsed = parseScenario({ seed: 7, days });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const inputs = loadSimInputs();

  // A whole calendar month against the 2018 calibration, cargo model only (no AIS, no messages): January 2018.
  let t0 = performance.now();
  const january = calibrateMonth(inputs, 2018, 1, { seed: 7 });
  const calibrationS = (performance.now() - t0) / 1000;
  emit({
    bench: 'sim month calibration',
    unit: 'simulated days/s',
    value: Math.round((31 / calibrationS) * 100) / 100,
    month: january.month,
    polaTeu: january.ports.USLAX.simulatedTeu,
    polaTargetTeu: january.ports.USLAX.targetTeu,
    polaDeviationPct: Math.round(january.ports.USLAX.deviation * 1000) / 10,
    polbTeu: january.ports.USLGB.simulatedTeu,
    polbTargetTeu: january.ports.USLGB.targetTeu,
    polbDeviationPct: Math.round(january.ports.USLGB.deviation * 1000) / 10,
    truckDwellMeanDays: january.cargo.dwellDays.truck.mean,
    truckTurnMeanMinutes: january.cargo.truckTurnMinutes.mean,
    containers: january.cargo.containers.discharged + january.cargo.containers.loaded,
  });

  t0 = performance.now();
  const run = simulate(parsed.scenario, inputs);
  const modelS = (performance.now() - t0) / 1000;
  emit({
    bench: 'sim model',
    unit: 'simulated days/s',
    value: Math.round(days / modelS),
    days,
    calls: run.calls.length,
  });

  t0 = performance.now();
  const reporter = new AisReporter(run.tracks);
  let lines = 0;
  let bytes = 0;
  for (let t = parsed.scenario.startMs; t < parsed.scenario.endMs; t += HOUR) {
    const batch = reporter.linesIn(t, Math.min(parsed.scenario.endMs, t + HOUR));
    lines += batch.length;
    for (const l of batch) bytes += l.length + 1;
  }
  const aisS = (performance.now() - t0) / 1000;
  const totalS = modelS + aisS;
  emit({
    bench: 'sim with AIS',
    unit: 'simulated days/s',
    value: Math.round((days / totalS) * 100) / 100,
    days,
    lines,
    bytes,
  });
  emit({ bench: 'sim AIS lines', unit: 'lines/s', value: Math.round(lines / aisS), days, lines });

  t0 = performance.now();
  const source = cargoMessageSource(run);
  let messages = 0;
  let messageBytes = 0;
  let peakHeap = 0;
  for (let t = parsed.scenario.startMs; t < parsed.scenario.endMs; t += HOUR) {
    for (const m of source.messagesIn(t, Math.min(parsed.scenario.endMs, t + HOUR))) {
      messages++;
      messageBytes += m.body.length;
    }
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const cargoS = (performance.now() - t0) / 1000;
  const cargo = source.stats();
  emit({
    bench: 'sim cargo messages',
    unit: 'messages/s',
    value: Math.round(messages / cargoS),
    days,
    messages,
    bytes: messageBytes,
    containers: cargo.containers.discharged + cargo.containers.loaded,
    simulatedDaysPerS: Math.round((days / cargoS) * 100) / 100,
    heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  });
  // What the cargo source holds over the whole run: the heap sampled after each hour, and the process's peak RSS
  // (`maxRSS`; the model and the AIS hours before it are far smaller, see `sim with AIS`).
  emit({
    bench: days >= 28 ? 'sim cargo month' : 'sim cargo (quick)',
    unit: 'messages/s',
    value: Math.round(messages / cargoS),
    days,
    messages,
    simulatedDaysPerS: Math.round((days / cargoS) * 100) / 100,
    peakHeapMiB: Math.round(peakHeap / 2 ** 20),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  });
  // The whole emitted month, generated in memory (model, AIS lines and the parties' cargo messages).
  emit({
    bench: days >= 28 ? 'sim month emitted' : 'sim emitted (quick)',
    unit: 'simulated days/s',
    value: Math.round((days / (modelS + aisS + cargoS)) * 1000) / 1000,
    days,
    aisLines: lines,
    messages,
    messagesPerS: Math.round((lines + messages) / (modelS + aisS + cargoS)),
    note: 'messages/s counts AIS lines and cargo messages',
  });
  await Promise.resolve();

  // Equipment and charger telemetry of the month (the MQTT payloads, serialised as `telemetry.jsonl` has them).
  t0 = performance.now();
  const telemetry = equipmentTelemetrySource(run);
  let telemetryMessages = 0;
  let telemetryBytes = 0;
  for (let t = parsed.scenario.startMs; t < parsed.scenario.endMs; t += HOUR) {
    for (const m of telemetry.messagesIn(t, Math.min(parsed.scenario.endMs, t + HOUR))) {
      telemetryMessages++;
      telemetryBytes += JSON.stringify(m.message).length + 1;
    }
  }
  const telemetryS = (performance.now() - t0) / 1000;
  emit({
    bench: 'sim equipment telemetry',
    unit: 'messages/s',
    value: Math.round(telemetryMessages / telemetryS),
    days,
    messages: telemetryMessages,
    bytes: telemetryBytes,
    simulatedDaysPerS: Math.round((days / telemetryS) * 100) / 100,
  });

  // The live path at full speed: every AIS line over a real socket to a reading client, plus the messages.
  const server = new AisTcpServer();
  const port = await server.listen(0, '127.0.0.1');
  let received = 0;
  const client = connect({ port, host: '127.0.0.1' });
  client.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) received += 1;
  });
  await server.waitForClient();
  const liveSource = messageSourceOf(run);
  let liveMessages = 0;
  t0 = performance.now();
  const live = await runLive({
    run,
    plan: {
      simStartMs: parsed.scenario.startMs,
      simEndMs: parsed.scenario.endMs,
      anchorSimMs: parsed.scenario.startMs,
      wallStartMs: 0,
      speed: 'max',
    },
    ais: server,
    maxWindowMs: HOUR,
  });
  while (received < live.aisLines) await new Promise((resolve) => setTimeout(resolve, 5));
  for (let t = parsed.scenario.startMs; t < parsed.scenario.endMs; t += HOUR) {
    liveMessages += liveSource.messagesIn(t, Math.min(parsed.scenario.endMs, t + HOUR)).length;
  }
  const liveS = (performance.now() - t0) / 1000;
  client.destroy();
  await server.close();
  emit({
    bench: 'sim live over TCP',
    unit: 'simulated days/s',
    value: Math.round((days / liveS) * 100) / 100,
    days,
    aisLines: live.aisLines,
    messages: liveMessages,
  });
  emit({
    bench: 'sim live messages',
    unit: 'messages/s',
    value: Math.round((live.aisLines + liveMessages) / liveS),
    days,
    aisLines: live.aisLines,
    messages: liveMessages,
    note: liveMessages === 0 ? 'AIS lines only: no cargo message source yet' : "AIS lines and parties' messages",
  });
};

export default suite;

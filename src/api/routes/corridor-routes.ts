/**
 * Green corridors and just-in-time arrival (issue 15; docs/emissions.md "Green corridors", "Just-in-time arrival"):
 * `GET /corridors` (every configured corridor with its voyages' figures and this year's progress), `GET
 * /corridors/{corridorId}` (figures, monthly trend, progress per year, the voyages), `GET /vessel-calls/{callId}/jit`
 * (the advised speed and fuel and CO2 saved for one call) and `GET /jit/summary` (per call and in total). Figures are
 * computed from the calls the caller may see (`vessel_call` visibility), so anonymous callers get public calls
 * only; members' reads are audited. Every answer carries `asOf` and `source`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../../access/route-access.js';
import type { GreenCorridorConfig } from '../../emissions/green-corridor-config.js';
import { loadAnchorageCalibration, loadEtaCalibration } from '../../forecast/io/calibration-files.js';
import { loadGeography } from '../../geo/load-geography.js';
import { loadTerminalRegistry } from '../../geo/load-terminal-registry.js';
import type { Platform } from '../../platform.js';
import { CorridorReader } from '../corridors/corridor-reader.js';
import {
  APPROACH_HORIZON_NM,
  ApproachingJitReader,
  MAX_APPROACHING_VESSELS,
} from '../emissions/approaching-jit-reader.js';
import { JitAdviceReader, MAX_APPROACHING_CALLS } from '../emissions/jit-advice-reader.js';
import { AnchorageQueueReader } from '../forecasts/anchorage-queue-reader.js';
import { EtaReader } from '../forecasts/eta-reader.js';
import { ProblemSchema, problem } from '../problem.js';
import { QueryInstant } from '../query-instant.js';
import { auditedRead } from '../read-audit-hook.js';
import { routesTagged } from '../route-options.js';
import { CallIdParam } from '../vessels/vessel-call-id.js';

const route = routesTagged('corridors');

const WindowQuery = z.object({
  from: QueryInstant.optional().describe('calls that started at or after this instant'),
  to: QueryInstant.optional().describe('calls that started at or before this instant'),
});

const Figures = z
  .looseObject({
    voyages: z.number().int(),
    lowZeroCarbonSharePct: z.number().nullable(),
    wtwGCo2ePerMj: z.number().nullable(),
    wtwGCo2ePerTeuKm: z.number().nullable(),
  })
  .meta({
    examples: [
      {
        voyages: 12,
        inbound: 7,
        outbound: 5,
        fuelMix: [{ fuel: 'HFO', voyages: 11, energyMj: 9.1e7, energySharePct: 92.4 }],
        lowZeroCarbonVoyages: 1,
        lowZeroCarbonSharePct: 8.33,
        energyMj: 9.85e7,
        wtwCo2eT: 8_590,
        wtwGCo2ePerMj: 87.2,
        teuKm: 5.2e8,
        wtwGCo2ePerTeuKm: 16.5,
      },
    ],
  });

const CorridorHead = {
  id: z.string(),
  name: z.string(),
  homePorts: z.array(z.string()),
  partnerPorts: z.array(z.string()),
  seaDistanceNm: z.number().nullable(),
  agreement: z.string(),
  pathway: z.array(z.looseObject({ year: z.number().int() })),
  pathwaySource: z.string(),
};

const Progress = z.looseObject({ year: z.number().int(), voyages: z.number().int() }).meta({
  examples: [
    {
      year: 2026,
      voyages: 12,
      wtwIntensity: { target: 89.34, targetFromYear: 2025, attained: 87.2, met: true },
      lowZeroCarbonShare: null,
    },
  ],
});

const JitAnswerSchema = z
  .looseObject({
    callId: z.string(),
    asOf: z.string().nullable(),
    source: z.string(),
    advice: z.looseObject({ advisedSpeedKn: z.number(), fuelSavedT: z.number(), co2SavedT: z.number() }).nullable(),
    reason: z.string().nullable(),
  })
  .meta({
    examples: [
      {
        callId: '477000001:2026-03-10T12:00',
        mmsi: '477000001',
        imo: '9811000',
        vesselName: 'TEST SHIP',
        anchoredAt: '2026-03-10T14:00:00.000Z',
        waitingMin: 720,
        source: 'openpcs just-in-time arrival: …',
        asOf: '2026-03-10T14:00:00.000Z',
        particulars: { teu: 10_000, mainEngineMcrKw: 57_000, designSpeedKn: 24.5, fuel: 'HFO', source: 'estimated' },
        advice: { actualSpeedKn: 15.8, advisedSpeedKn: 10, remainingWaitHours: 8.1, fuelSavedT: 7.4, co2SavedT: 23.1 },
        reason: null,
      },
    ],
  });

const JitLiveAdviceSchema = z
  .object({
    callId: z.string(),
    vessel: z.object({ mmsi: z.string(), imo: z.string().nullable(), name: z.string().nullable() }),
    status: z.string(),
    port: z.string().nullable(),
    asOf: z.string().nullable().describe('time of the AIS position the advice is given from'),
    source: z.string(),
    berthWindow: z
      .object({
        start: z
          .string()
          .describe('the later of the planned berthing (vessel schedule `etb`) and the berth the live queue frees'),
        basis: z.enum(['planned berthing', 'berth queue']).describe('which of the two opens the window'),
        terminal: z.string().nullable(),
        statedAt: z.string().describe('when the schedule stated it, or the newest fact of the queue'),
        pilotBoardingAreaAt: z.string().describe('window start − harbour transit: when the ship is needed there'),
        queueWaitH: z.number().nullable().describe('hours the live berth queue adds; null: not modelled'),
      })
      .nullable(),
    distanceToPilotNm: z.number().nullable(),
    currentSpeedKn: z.number().nullable().describe('mean SOG over the last 15 minutes'),
    particulars: z.enum(['estimated']).nullable(),
    advice: z
      .object({
        advisedSpeedKn: z.number(),
        arrivalAtCurrentSpeed: z.string(),
        advisedArrival: z.string(),
        slowDownAt: z.string().nullable().describe('when to slow down (the advice position); null: keep speed'),
        waitAtCurrentSpeedHours: z.number(),
        remainingWaitHours: z.number(),
        lateHours: z.number(),
        fuelContinuingT: z.number(),
        fuelAdvisedT: z.number(),
        co2ContinuingT: z.number(),
        co2AdvisedT: z.number(),
        fuelSavedT: z.number(),
        co2SavedT: z.number(),
        co2SavedPct: z.number(),
      })
      .nullable(),
    reason: z.string().nullable(),
  })
  .meta({
    examples: [
      {
        callId: '477000021:2026-03-10T12:00',
        vessel: { mmsi: '477000021', imo: '9386483', name: 'JIT ONE' },
        status: 'arrived',
        port: 'USLGB',
        asOf: '2026-03-10T12:29:00.000Z',
        source: 'openpcs just-in-time advice: …',
        berthWindow: {
          start: '2026-03-10T16:00:00.000Z',
          basis: 'planned berthing',
          terminal: 'LGBTT',
          statedAt: '2026-03-09T08:00:00.000Z',
          pilotBoardingAreaAt: '2026-03-10T15:12:00.000Z',
          queueWaitH: 0,
        },
        distanceToPilotNm: 8.4,
        currentSpeedKn: 18,
        particulars: 'estimated',
        advice: {
          advisedSpeedKn: 10,
          arrivalAtCurrentSpeed: '2026-03-10T12:57:00.000Z',
          advisedArrival: '2026-03-10T13:19:00.000Z',
          slowDownAt: '2026-03-10T12:29:00.000Z',
          waitAtCurrentSpeedHours: 2.25,
          remainingWaitHours: 1.88,
          lateHours: 0,
          fuelContinuingT: 2.1,
          fuelAdvisedT: 1.7,
          co2ContinuingT: 6.7,
          co2AdvisedT: 5.5,
          fuelSavedT: 0.4,
          co2SavedT: 1.2,
          co2SavedPct: 17.9,
        },
        reason: null,
      },
    ],
  });

const VesselJitAdviceSchema = JitLiveAdviceSchema.omit({ status: true }).extend({
  callId: z.string().nullable().describe('the open call of the vessel you may see; null: not in a call yet'),
});

function checkedWindow(q: { from?: string | undefined; to?: string | undefined }): { from?: Date; to?: Date } {
  if (q.from && q.to && q.to < q.from) {
    throw problem('PCS_API_VALIDATION', '`to` is before `from`', [
      { pointer: '/query/to', detail: 'must not be before `from`' },
    ]);
  }
  return { ...(q.from ? { from: new Date(q.from) } : {}), ...(q.to ? { to: new Date(q.to) } : {}) };
}

export const corridorRoutes: FastifyPluginAsyncZod<{ platform: Platform; config: GreenCorridorConfig }> = async (
  app,
  { platform, config },
) => {
  const reader = new CorridorReader(platform.database.db, config);
  const db = platform.database.db;
  const queues = new AnchorageQueueReader(db, loadGeography(), loadAnchorageCalibration());
  const eta = new EtaReader(db, loadTerminalRegistry(), loadEtaCalibration(), queues);
  const advice = new JitAdviceReader(db, eta);
  const approaching = new ApproachingJitReader(db, eta, advice);

  app.get(
    '/corridors',
    route(ACCESS.read, {
      summary: 'Green shipping corridors: voyages, fuel mix, low/zero-carbon share, WtW intensity, g CO2e/TEU-km',
      description:
        'Every configured corridor (docs/emissions.md "Green corridors"; `OPENPCS_GREEN_CORRIDORS`) with the figures of ' +
        'its voyages among the calls you may see that started in [from, to], and this year’s progress against its ' +
        'target pathway. Example: `GET /corridors?from=2026-01-01T00:00Z`',
      querystring: WindowQuery,
      response: {
        200: z.object({
          asOf: z.string().nullable(),
          source: z.string(),
          corridors: z.array(z.looseObject({ ...CorridorHead, figures: Figures, progress: Progress })),
        }),
        400: ProblemSchema,
        401: ProblemSchema,
      },
    }),
    async (request) => {
      const answer = await reader.list(request.accessScope, checkedWindow(request.query), new Date());
      auditedRead(platform.audit, request, request.accessScope, '/corridors', true);
      return answer;
    },
  );

  app.get(
    '/corridors/:corridorId',
    route(ACCESS.read, {
      summary: 'One green corridor: figures, monthly trend, progress per year and its voyages',
      description:
        'Each voyage says where its other port came from (`portSource`: carrier-schedule, edifact-port-of-loading, or ' +
        'ais-destination, flagged), its distance, speed, estimated particulars, fuel (register or assumed), WtW ' +
        'intensity (FuelEU) and g CO2e/TEU-km (ISO 14083). Example: `GET /corridors/lalb-shanghai`',
      params: z.object({
        corridorId: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a corridor id')
          .meta({ examples: ['lalb-shanghai'] }),
      }),
      querystring: WindowQuery,
      response: {
        200: z.looseObject({
          ...CorridorHead,
          asOf: z.string().nullable(),
          source: z.string(),
          figures: Figures,
          trend: z.array(z.looseObject({ month: z.string() })),
          progress: z.array(Progress),
          voyages: z.array(z.looseObject({ callId: z.string(), direction: z.enum(['inbound', 'outbound']) })),
        }),
        400: ProblemSchema,
        401: ProblemSchema,
        404: ProblemSchema,
      },
    }),
    async (request) => {
      const window = checkedWindow(request.query);
      const answer = await reader.detail(request.params.corridorId, request.accessScope, window, new Date());
      if (!answer) throw problem('PCS_CORRIDOR_NOT_FOUND', `no corridor ${request.params.corridorId}`);
      auditedRead(platform.audit, request, request.accessScope, `/corridors/${answer.id}`, true);
      return answer;
    },
  );

  app.get(
    '/vessel-calls/:callId/jit',
    route(ACCESS.read, {
      summary: 'Just-in-time arrival advice of one call: the speed that arrives as the berth frees, fuel and CO2 saved',
      description:
        'For a call that waited at anchor: the approach it sailed in the 6 h before anchoring (its AIS track), the ' +
        'speed that would have arrived when it weighed for the berth, and fuel and CO2 of both plans (IMO GHG4). ' +
        '`advice: null` with a `reason` when the call did not wait or its track or particulars are unknown. A call ' +
        'you may not see answers 404. Example: `GET /vessel-calls/477000001:2026-03-10T12:00/jit`',
      params: z.object({
        callId: CallIdParam.describe('e.g. 366998410:2022-01-03T00:02'),
      }),
      response: { 200: JitAnswerSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const answer = await reader.jit(request.params.callId, request.accessScope);
      if (!answer) throw problem('PCS_VESSEL_CALL_NOT_FOUND', `no call ${request.params.callId}`);
      return answer;
    },
  );

  app.get(
    '/jit/summary',
    route(ACCESS.read, {
      summary: 'Just-in-time arrival: advice for every call that waited at anchor, fuel and CO2 saved in total',
      description:
        'Over the calls you may see that started in [from, to]. Example: `GET /jit/summary?from=2026-03-01T00:00Z`',
      querystring: WindowQuery,
      response: {
        200: z.object({
          asOf: z.string().nullable(),
          source: z.string(),
          callsWaited: z.number().int(),
          callsAdvised: z.number().int(),
          fuelSavedT: z.number(),
          co2SavedT: z.number(),
          calls: z.array(JitAnswerSchema),
        }),
        400: ProblemSchema,
        401: ProblemSchema,
      },
    }),
    async (request) => {
      const answer = await reader.jitSummary(request.accessScope, checkedWindow(request.query));
      auditedRead(platform.audit, request, request.accessScope, '/jit/summary', true);
      return answer;
    },
  );

  app.get(
    '/vessel-calls/:callId/jit-advice',
    route(ACCESS.read, {
      summary:
        'Live just-in-time advice for an approaching call: the speed that meets its berth window, fuel and CO2 saved',
      description:
        'For a call inside the port limits and still under way towards the pilot boarding area (not anchored, not ' +
        'berthed) whose vessel schedule states a planned berthing (`etb`): from its newest AIS position you may see, ' +
        'the speed that reaches the pilot boarding area as the window needs it (never above its current speed, ' +
        'at least 10 kn) and fuel and CO2 of that plan against continuing at its current speed and waiting at ' +
        'anchor (IMO GHG4, particulars estimated from AIS static data). `advice: null` with a `reason` otherwise. ' +
        'A call you may not see answers 404. Example: `GET /vessel-calls/477000021:2026-03-10T12:00/jit-advice`',
      params: z.object({
        callId: CallIdParam.describe('e.g. 366998410:2022-01-03T00:02'),
      }),
      response: { 200: JitLiveAdviceSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const { callId } = request.params;
      const answer = await advice.advice(callId, request.accessScope);
      if (!answer) throw problem('PCS_VESSEL_CALL_NOT_FOUND', `no call ${callId}`);
      auditedRead(platform.audit, request, request.accessScope, `/vessel-calls/${callId}/jit-advice`, true);
      return answer;
    },
  );

  app.get(
    '/jit/advice',
    route(ACCESS.read, {
      summary:
        'Live just-in-time advice for every approaching call you may see, and the fuel and CO2 it saves in total',
      description:
        `The calls inside the port limits not yet anchored or berthed (at most ${MAX_APPROACHING_CALLS}; ` +
        '`truncated` says when there were more), each answered as `GET /vessel-calls/{callId}/jit-advice`. ' +
        'Example: `GET /jit/advice`',
      response: {
        200: z.object({
          asOf: z.string().nullable(),
          source: z.string(),
          callsApproaching: z.number().int(),
          callsAdvised: z.number().int(),
          truncated: z.boolean(),
          fuelSavedT: z.number(),
          co2SavedT: z.number(),
          calls: z.array(JitLiveAdviceSchema),
        }),
        400: ProblemSchema,
        401: ProblemSchema,
      },
    }),
    async (request) => {
      const answer = await advice.approaching(request.accessScope);
      auditedRead(platform.audit, request, request.accessScope, '/jit/advice', true);
      return answer;
    },
  );

  const AtQuery = z.object({
    at: QueryInstant.optional().describe(
      'the instant the advice is given as of (default: now), e.g. 2026-03-10T02:00Z',
    ),
  });

  app.get(
    '/jit/approaching',
    route(ACCESS.read, {
      summary:
        'Live just-in-time advice for vessels still on the approach (no call yet), and the fuel and CO2 it saves in total',
      description:
        'The vessels you may see (positions and AIS static data) with a San Pedro Bay call not yet berthed in their ' +
        `carrier's schedule, under way and closing on the pilot boarding area within ${APPROACH_HORIZON_NM} nm of it, ` +
        'their newest position at most 6 h before `at`, nearest first (at most ' +
        `${MAX_APPROACHING_VESSELS}; \`truncated\` says when there were more). Each as ` +
        '`GET /vessels/{mmsi}/jit-advice`: the speed that meets its berth window (the later of the planned berthing ' +
        'and the berth the live queue frees), fuel and CO2 against continuing and waiting at anchor, or a `reason`. ' +
        'A vessel the caller sees in an open call is left out (counted in `vesselsInCall`; `GET /jit/advice` lists ' +
        'it). Example: `GET /jit/approaching?at=2026-03-10T02:00Z`',
      querystring: AtQuery,
      response: {
        200: z.object({
          at: z.string(),
          asOf: z.string().nullable().describe('the newest position used'),
          source: z.string(),
          horizonNm: z.number(),
          vesselsApproaching: z.number().int(),
          vesselsAdvised: z.number().int(),
          vesselsInCall: z.number().int().describe('approaching vessels already in a call: listed by /jit/advice'),
          truncated: z.boolean(),
          fuelSavedT: z.number(),
          co2SavedT: z.number(),
          vessels: z.array(VesselJitAdviceSchema),
        }),
        400: ProblemSchema,
        401: ProblemSchema,
      },
    }),
    async (request) => {
      const at = request.query.at ? new Date(request.query.at) : new Date();
      const answer = await approaching.approaching(request.accessScope, at);
      auditedRead(platform.audit, request, request.accessScope, '/jit/approaching', true);
      return answer;
    },
  );

  app.get(
    '/vessels/:mmsi/jit-advice',
    route(ACCESS.read, {
      summary: 'Live just-in-time advice for one vessel on the approach, before or in its call',
      description:
        'As one entry of `GET /jit/approaching`, for any vessel whose positions you may see (`callId` names its open ' +
        'call when it has one; `reason` says why there is no advice, e.g. beyond the horizon or not heading in). A ' +
        'vessel whose positions you may not see answers 404. Example: `GET /vessels/477000031/jit-advice`',
      params: z.object({ mmsi: z.string().regex(/^\d{9}$/, 'an MMSI (9 digits)') }),
      querystring: AtQuery,
      response: { 200: VesselJitAdviceSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
    }),
    async (request) => {
      const { mmsi } = request.params;
      const at = request.query.at ? new Date(request.query.at) : new Date();
      const answer = await approaching.vessel(mmsi, request.accessScope, at);
      if (!answer) throw problem('PCS_VESSEL_NOT_FOUND', `no vessel with MMSI ${mmsi}`);
      auditedRead(platform.audit, request, request.accessScope, `/vessels/${mmsi}/jit-advice`, true);
      return answer;
    },
  );
};

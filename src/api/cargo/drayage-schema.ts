/** Response schemas of the drayage routes (zod → OpenAPI; docs/drayage.md): registry trucks and the two aggregates. */
import { z } from 'zod';
import { DRAYAGE_FUELS } from '../../domain/zero-emission/ze-classification.js';
import { FeedSourceSchema } from './terminal-feed-schema.js';

export const DrayageTruckSchema = z
  .object({
    truckId: z
      .string()
      .describe('licence plate or VIN, upper case without spaces (the gate transactions’ truck plate)'),
    operatorScac: z.string().describe('SCAC of the trucking company that operates it'),
    engineModelYear: z.number(),
    fuel: z.enum(DRAYAGE_FUELS),
    zeroEmission: z.boolean().describe('derived from the fuel: battery-electric or fuel cell'),
    lowNox: z.boolean().describe('engine certified to the CARB optional low-NOx standard'),
    registeredAt: z.string(),
    asOf: z.string().describe('time of the registry statement shown (its registration date)'),
    source: FeedSourceSchema,
  })
  .meta({
    examples: [
      {
        truckId: '7XYZ789',
        operatorScac: 'SBTL',
        engineModelYear: 2023,
        fuel: 'battery_electric',
        zeroEmission: true,
        lowNox: false,
        registeredAt: '2026-02-01T08:00:00.000Z',
        asOf: '2026-02-01T08:00:00.000Z',
        source: { organisation: 'sbtl', inboxId: '311', eventId: '5f2a7a1e-0000-4000-8000-000000000007' },
      },
    ],
  });
export type DrayageTruckView = z.infer<typeof DrayageTruckSchema>;

export const DRAYAGE_TRUCK_CSV_COLUMNS = [
  'truckId',
  'operatorScac',
  'engineModelYear',
  'fuel',
  'zeroEmission',
  'lowNox',
  'registeredAt',
  'asOf',
  'sourceOrganisation',
  'sourceInboxId',
  'sourceEventId',
] as const;

export function drayageTruckCsvRow(t: DrayageTruckView): Record<string, unknown> {
  return {
    ...t,
    sourceOrganisation: t.source.organisation,
    sourceInboxId: t.source.inboxId,
    sourceEventId: t.source.eventId,
  };
}

const ZeFigures = {
  visits: z.number(),
  registeredVisits: z.number().describe('visits whose truck plate is in the registry'),
  zeVisits: z.number(),
  zeShare: z.number().nullable().describe('zeVisits / visits (an unregistered truck is not ZE); null without visits'),
};
const PERIOD = {
  from: z.string().nullable(),
  to: z.string().nullable(),
  asOf: z
    .string()
    .nullable()
    .describe('the newest gate event of the visits counted at the shown terminals; null when none was counted'),
  minVisits: z.number().describe('terminals with fewer visits in the period are withheld'),
  suppressedTerminals: z.number().describe('terminals withheld; the port figures add up the shown terminals only'),
};

export const DrayageZeShareSchema = z
  .object({
    ...PERIOD,
    terminals: z.array(z.object({ terminalCode: z.string(), ...ZeFigures })),
    port: z.object(ZeFigures),
    target: z.object({ share: z.number(), year: z.number() }).describe('CAAP 2017: 100% ZE drayage by 2035'),
  })
  .meta({
    examples: [
      {
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-04-01T00:00:00.000Z',
        asOf: '2026-03-31T21:40:00.000Z',
        minVisits: 5,
        suppressedTerminals: 1,
        terminals: [{ terminalCode: 'YUSEN', visits: 8, registeredVisits: 6, zeVisits: 2, zeShare: 0.25 }],
        port: { visits: 8, registeredVisits: 6, zeVisits: 2, zeShare: 0.25 },
        target: { share: 1, year: 2035 },
      },
    ],
  });

const FundFigures = {
  visits: z.number(),
  loadedTeu: z.number().describe('loaded boxes moved through the gate by these visits, in TEU (40/45 ft = 2)'),
  exemptTeu: z.number().describe('of those, moved by exempt trucks (ZE; low-NOx until the sunset)'),
  chargedTeu: z.number(),
  chargeUsd: z.number().describe('chargedTeu × rate'),
};

export const CleanTruckFundSchema = z
  .object({
    rateUsdPerTeu: z.number(),
    currency: z.literal('USD'),
    rule: z.string(),
    lowNoxExemptUntil: z.string().describe('last local day a registered low-NOx truck is exempt'),
    effectiveFrom: z.string(),
    ...PERIOD,
    terminals: z.array(z.object({ terminalCode: z.string(), ...FundFigures })),
    port: z.object(FundFigures),
  })
  .meta({
    examples: [
      {
        rateUsdPerTeu: 10,
        currency: 'USD',
        rule: 'USD 10 per TEU on loaded containers moved into or out of a terminal by a non-exempt drayage truck',
        lowNoxExemptUntil: '2027-12-31',
        effectiveFrom: '2022-04-01',
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-04-01T00:00:00.000Z',
        asOf: '2026-03-31T21:40:00.000Z',
        minVisits: 5,
        suppressedTerminals: 0,
        terminals: [{ terminalCode: 'YUSEN', visits: 6, loadedTeu: 9, exemptTeu: 4, chargedTeu: 5, chargeUsd: 50 }],
        port: { visits: 6, loadedTeu: 9, exemptTeu: 4, chargedTeu: 5, chargeUsd: 50 },
      },
    ],
  });

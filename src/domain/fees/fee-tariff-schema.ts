/**
 * The JSON form of a tariff file (`OPENPCS_FEE_TARIFFS`): an array of `FeeTariff` objects, validated field by
 * field so a bad file stops the server at start-up with the path of every bad field, never a wrong fee later.
 */
import { z } from 'zod';
import { DAY_BASES, FREE_TIME_DIRECTIONS } from '../free-time/free-time-rule.js';
import { LocalDates } from '../free-time/local-date.js';
import { EQUIPMENT_LENGTHS, FEE_KINDS, type FeeTariff } from './fee-tariff.js';

const localDate = z.string().refine((d) => LocalDates.isValid(d), 'a calendar date YYYY-MM-DD');
const rate = z.number().finite().min(0);

const TierSchema = z.strictObject({
  fromDay: z.number().int().min(1),
  ratePerDay: z.strictObject(
    Object.fromEntries(EQUIPMENT_LENGTHS.map((l) => [l, rate])) as Record<
      (typeof EQUIPMENT_LENGTHS)[number],
      typeof rate
    >,
  ),
});

const TariffSchema = z
  .strictObject({
    kind: z.enum(FEE_KINDS),
    party: z.string().regex(/^(\*|[A-Z0-9]{2,10})$/, "an SMDG terminal code, a SCAC, or '*'"),
    unLocationCode: z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'a UN/LOCODE such as USLAX'),
    direction: z.enum(FREE_TIME_DIRECTIONS),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
    tiers: z.array(TierSchema).min(1),
    chargeWeekends: z.boolean(),
    chargeHolidays: z.boolean(),
    holidays: z.array(localDate).default([]),
    freeDays: z.number().int().min(0).max(365).default(0),
    freeDayBasis: z.enum(DAY_BASES).default('CALENDAR'),
    effectiveFrom: localDate,
    source: z.string().min(1).max(300),
  })
  .refine((t) => t.tiers[0]?.fromDay === 1, { message: 'the first tier starts at day 1', path: ['tiers'] })
  .refine((t) => t.tiers.every((tier, i) => i === 0 || tier.fromDay > (t.tiers[i - 1]?.fromDay ?? 0)), {
    message: 'tiers are in increasing fromDay order',
    path: ['tiers'],
  });

export const FeeTariffFileSchema = z.array(TariffSchema);

/** The tariffs of a file's JSON text, or the reasons it is refused (`path: message`, one per bad field). */
export function parseFeeTariffFile(
  text: string,
): { ok: true; tariffs: FeeTariff[] } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not JSON: ${(error as Error).message}`] };
  }
  const parsed = FeeTariffFileSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `/${i.path.join('/')}: ${i.message}`) };
  }
  return { ok: true, tariffs: parsed.data };
}

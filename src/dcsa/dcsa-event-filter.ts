/**
 * The stored form of a DCSA event filter (in page cursors and subscriptions): validated when read back,
 * and canonical (no empty members, sorted lists, sorted keys) so two equal filters compare equal as JSON.
 */
import { z } from 'zod';
import { hasControlCharacter } from '../domain/has-control-character.js';
import { DCSA_EVENT_TYPES, type DcsaEventFilter } from '../store/event-query.js';

const Code = z.string().regex(/^[A-Z0-9]{4}$/, 'a 4-character event type code');
const Instant = z.iso.datetime({ offset: true });

/** A reference: no control characters (U+0000 cannot be stored or compared by PostgreSQL, in text or jsonb). */
const reference = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((text) => !hasControlCharacter(text), 'no control characters');

/** The reference filters shared by GET /v2/events, its cursors and event subscriptions (DCSA 2.2 limits). */
export const DCSA_REFERENCE_FILTERS = {
  equipmentReference: reference(15).optional(),
  transportDocumentReference: reference(20).optional(),
  carrierBookingReference: reference(35).optional(),
  vesselIMONumber: z
    .string()
    .regex(/^\d{7}$/, 'must be 7 digits')
    .optional(),
  carrierVoyageNumber: reference(50).optional(),
  exportVoyageNumber: reference(50).optional(),
  importVoyageNumber: reference(50).optional(),
  transportCallID: reference(100).optional(),
  transportDocumentID: reference(100).optional(),
  carrierServiceCode: reference(5).optional(),
  UNLocationCode: z
    .string()
    .regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'a UN/LOCODE such as USLAX')
    .optional(),
};

export const DcsaEventFilterSchema = z.strictObject({
  eventTypes: z.array(z.enum(DCSA_EVENT_TYPES)).optional(),
  equipmentEventTypeCodes: z.array(Code).optional(),
  transportEventTypeCodes: z.array(Code).optional(),
  shipmentEventTypeCodes: z.array(Code).optional(),
  documentTypeCodes: z.array(z.string().regex(/^[A-Z]{3}$/)).optional(),
  ...DCSA_REFERENCE_FILTERS,
  eventCreatedDateTime: z
    .strictObject({
      gt: Instant.optional(),
      gte: Instant.optional(),
      lt: Instant.optional(),
      lte: Instant.optional(),
      eq: Instant.optional(),
    })
    .optional(),
});

/** The filter without empty members, lists sorted and de-duplicated, keys sorted. */
export function canonicalFilter(filter: DcsaEventFilter): DcsaEventFilter {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(filter).sort()) {
    const value = (filter as Record<string, unknown>)[key];
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) out[key] = [...new Set(value as string[])].sort();
    } else if (typeof value === 'object') {
      const range = Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      );
      if (Object.keys(range).length > 0) out[key] = range;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Parses a stored filter; null when it is not a valid filter. */
export function parseStoredFilter(value: unknown): DcsaEventFilter | null {
  const result = DcsaEventFilterSchema.safeParse(value);
  return result.success ? canonicalFilter(result.data) : null;
}

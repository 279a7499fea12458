/**
 * Schema of `data-static/geo/*.geojson` (RFC 7946 FeatureCollection): each feature names its zone
 * (`id`, `kind`, `name`, `port`) and cites its `source`. Validated with zod when loaded.
 */
import { z } from 'zod';
import { ZONE_KINDS } from '../domain/port-zones.js';

export { ZONE_KINDS, type ZoneKind } from '../domain/port-zones.js';

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(lonLat).min(4, 'a linear ring needs at least 4 positions (RFC 7946 §3.1.6)');

export const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(lonLat).min(2) }),
]);
export type ZoneGeometry = z.infer<typeof geometrySchema>;

export const zonePropertiesSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'zone ids are kebab-case'),
    kind: z.enum(ZONE_KINDS),
    name: z.string().min(1),
    port: z.enum(['USLAX', 'USLGB']).optional(),
    terminal: z.string().optional(),
    smdgCode: z.string().optional(),
    source: z.object({ document: z.string().min(1), url: z.string().url() }).loose(),
    note: z.string().min(1),
  })
  .loose();
export type ZoneProperties = z.infer<typeof zonePropertiesSchema>;

export const geographySchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({ type: z.literal('Feature'), properties: zonePropertiesSchema, geometry: geometrySchema }),
  ),
});
export type GeographyDocument = z.infer<typeof geographySchema>;

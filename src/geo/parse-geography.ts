import { Geography } from './geography.js';
import { geographySchema } from './geography-schema.js';

export type GeographyResult =
  { readonly ok: true; readonly geography: Geography } | { readonly ok: false; readonly errors: readonly string[] };

/** Validates a parsed GeoJSON document (zod) and indexes it; never throws on bad data. */
export function parseGeography(json: unknown): GeographyResult {
  const parsed = geographySchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    };
  }
  const ids = new Set<string>();
  const duplicates = parsed.data.features.map((f) => f.properties.id).filter((id) => ids.size === ids.add(id).size);
  if (duplicates.length > 0) return { ok: false, errors: duplicates.map((id) => `duplicate zone id "${id}"`) };
  return { ok: true, geography: new Geography(parsed.data) };
}

/**
 * The names of the zones of the shipped San Pedro Bay geography (`data-static/geo/san-pedro-bay.geojson`): the API
 * names a call's anchorage and berth by zone id (`anchorage-f`, `polb-lbct`), the portal says the zone's name. The
 * geography is fetched once per page (the map fetches the same file, so the browser has it); where it cannot be
 * read, or does not name a zone, the id is said.
 */
import geographyUrl from '../../data-static/geo/san-pedro-bay.geojson?url';

interface GeographyFile {
  readonly features?: readonly { readonly properties?: { readonly id?: unknown; readonly name?: unknown } | null }[];
}

let names: Promise<ReadonlyMap<string, string>> | undefined;

export function zoneNames(): Promise<ReadonlyMap<string, string>> {
  names ??= fetch(geographyUrl)
    .then((response) => response.json() as Promise<GeographyFile>)
    .then(
      (geography) =>
        new Map(
          (geography.features ?? []).flatMap((f) =>
            typeof f.properties?.id === 'string' && typeof f.properties.name === 'string'
              ? [[f.properties.id, f.properties.name] as const]
              : [],
          ),
        ),
    )
    .catch(() => new Map<string, string>());
  return names;
}

/** A zone's name, or its id where the geography does not name it. */
export function zoneName(names: ReadonlyMap<string, string>, id: string): string {
  return names.get(id) ?? id;
}

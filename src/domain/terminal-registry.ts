/**
 * One identity per terminal (DESIGN §7 "Terminal registry"): the SMDG terminal code within its port's
 * UN/LOCODE, with name, operator and berths from the SMDG Terminal Code List, and the map zone of the
 * port geography its berths lie in, so that vessel calls (zone ids), cargo (SMDG codes) and KPIs name the
 * same terminal. Pure: `parseTerminalRegistry` takes the shipped JSON (`data-static/terminals/`), the
 * loader lives in `src/geo/load-terminal-registry.ts`.
 */
import { z } from 'zod';

const Source = z.strictObject({ document: z.string().min(1), url: z.string().url(), row: z.string().min(1) });

export const TerminalSchema = z.strictObject({
  smdgCode: z.string().regex(/^[A-Z0-9]{1,6}$/),
  unLocode: z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}$/),
  name: z.string().min(1),
  operator: z.string().min(1),
  berths: z.string().min(1),
  zoneId: z.string().min(1).nullable(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  address: z.string().min(1),
  source: Source,
  zoneSource: z.string().min(1).nullable(),
});

export type Terminal = Readonly<z.infer<typeof TerminalSchema>>;

const RegistryFile = z.strictObject({ description: z.string(), terminals: z.array(TerminalSchema).min(1) });

export interface TerminalRegistry {
  /** Every terminal, by port then SMDG code. */
  readonly terminals: readonly Terminal[];
  /** The terminal with this SMDG code (codes are unique within this registry's ports). */
  byCode(smdgCode: string): Terminal | undefined;
  /** The terminals whose berths lie in this map zone (none, one, or several sharing an AIS-derived box). */
  inZone(zoneId: string): readonly Terminal[];
}

/** The registry of a parsed file; throws on a malformed file or a duplicate code (a broken install). */
export function parseTerminalRegistry(json: unknown): TerminalRegistry {
  const file = RegistryFile.parse(json);
  const terminals = [...file.terminals]
    .sort((a, b) => a.unLocode.localeCompare(b.unLocode) || a.smdgCode.localeCompare(b.smdgCode))
    .map((t) => Object.freeze({ ...t, source: Object.freeze({ ...t.source }) }));
  const byCode = new Map<string, Terminal>();
  for (const t of terminals) {
    if (byCode.has(t.smdgCode)) throw new Error(`terminal registry: SMDG code ${t.smdgCode} listed twice`);
    byCode.set(t.smdgCode, t);
  }
  return Object.freeze({
    terminals,
    byCode: (code: string) => byCode.get(code),
    inZone: (zoneId: string) => terminals.filter((t) => t.zoneId === zoneId),
  });
}

/** The SMDG code of the one terminal of a zone; null when the zone holds none or several terminals. */
export function terminalCodeOfZone(registry: TerminalRegistry, zoneId: string | null): string | null {
  if (zoneId === null) return null;
  const [only, other] = registry.inZone(zoneId);
  return only && !other ? only.smdgCode : null;
}

/**
 * Ship categories from the AIS "type of ship and cargo type" code (message 5 / 24B, field 6), following
 * ITU-R M.1371-5 Annex 8, Table 53: the first digit names the kind of ship, the second the cargo hazard
 * (categories 6–8) or the activity (categories 3 and 5).
 *
 *   30 fishing · 31 towing · 32 towing, tow > 200 m long or > 25 m wide · 33 dredging or underwater ops ·
 *   34 diving ops · 35 military ops · 36 sailing · 37 pleasure craft · 40–49 high-speed craft (HSC) ·
 *   50 pilot vessel · 51 search and rescue · 52 tug · 53 port tender · 54 anti-pollution · 55 law
 *   enforcement · 58 medical transport · 59 noncombatant (RR Resolution No. 18) · 60–69 passenger ·
 *   70–79 cargo · 80–89 tanker · 90–99 other types; 0 = not available; 1–19 reserved; 20–29 wing in ground.
 */
export const SHIP_CATEGORIES = [
  'cargo',
  'tanker',
  'passenger',
  'tug',
  'fishing',
  'pleasure',
  'high-speed',
  'other',
] as const;

export type ShipCategory = (typeof SHIP_CATEGORIES)[number];

/** The category of an AIS ship-type code; `other` for special craft, reserved, unknown or missing codes. */
export function shipCategoryOf(shipType: number | null | undefined): ShipCategory {
  if (shipType === null || shipType === undefined || !Number.isInteger(shipType)) return 'other';
  if (shipType >= 70 && shipType <= 79) return 'cargo';
  if (shipType >= 80 && shipType <= 89) return 'tanker';
  if (shipType >= 60 && shipType <= 69) return 'passenger';
  if (shipType === 31 || shipType === 32 || shipType === 52) return 'tug';
  if (shipType === 30) return 'fishing';
  if (shipType === 36 || shipType === 37) return 'pleasure';
  if (shipType >= 40 && shipType <= 49) return 'high-speed';
  return 'other';
}

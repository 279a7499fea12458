/**
 * Who was at berth and at anchor in San Pedro Bay at 2022-01-03T00:20Z, derived by hand from the raw
 * MarineCadastre rows (test/vessel-calls/fixtures/marinecadastre-2022-01-03-san-pedro-bay.csv); shared by
 * the pure `vesselStatusAt` test and the end-to-end `openpcs vessels --at` test.
 */
export const EXPECTED_AT = '2022-01-03T00:20:00.000Z';

/*
 * Expected lists, derived WITHOUT the product's polygons, from the raw rows of
 * marinecadastre-2022-01-03-san-pedro-bay.csv: for each MMSI its last row with BaseDateTime in
 * (23:50, 00:20] on 2022-01-03, then
 *  - at berth  = Status 5 (moored) and SOG <= 0.5 kn and inside the harbour box LAT 33.70-33.80, LON -118.29 to -118.18
 *                (the water north of the breakwater where the container, bulk and liquid berths are);
 *  - at anchor = Status 1 (at anchor) and SOG <= 0.5 kn and inside the box LAT 33.64-33.76, LON -118.24 to -118.12
 *                (hand-checked on the chart to hold anchorages B, C, D, E, F and G of 33 CFR 110.214 and no other
 *                anchored ship of the extract: the ships anchored off Huntington Beach, outside the charted
 *                anchorages, in the January 2022 queue, are east of -118.12 and are expected as "other").
 * Tankers (VesselType 80-89) are listed apart, and a vessel reporting a length under 60 m is left out (a 22 m bunker barge is not a ship call).
 */
export const CARGO_AT_BERTH = [
  '215196000',
  '215354000',
  '235009240',
  '235098383',
  '241311000',
  '249414000',
  '255806028',
  '255806335',
  '351571000',
  '356581000',
  '366734000',
  '369751000',
  '370407000',
  '370651000',
  '416465000',
  '477219900',
  '477224600',
  '477627300',
  '477637600',
  '477776200',
  '538002955',
  '538006207',
  '548986000',
  '563018500',
  '565565000',
  '565747000',
  '565819000',
  '636014168',
  '636018471',
  '636021321',
];
export const CARGO_AT_ANCHOR = [
  '210185000',
  '212700000',
  '352905000',
  '353245000',
  '414274000',
  '477224800',
  '477696900',
  '538006509',
  '538007668',
  '538009442',
  '538009664',
  '565425000',
  '636015629',
  '636016649',
  '636020659',
  '636091473',
  '636092892',
];
export const TANKERS_AT_BERTH = ['219466000', '338110000', '338500000', '366962000'];
export const TANKERS_AT_ANCHOR = ['205517000', '235076283', '477399300', '636014430'];

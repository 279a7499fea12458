/**
 * A request the methods cannot answer although its shape is valid: a factor table has no row for it (a ship type
 * without default auxiliary power, an engine–fuel pair without an SFC). `pointer` names the field (JSON pointer into
 * the request) the caller can set to answer it; the API turns it into a 400 problem (`PCS_EMISSIONS_NO_FACTOR`).
 */
export class EmissionsInputError extends Error {
  constructor(
    readonly pointer: string,
    readonly detail: string,
  ) {
    super(`${pointer}: ${detail}`);
    this.name = 'EmissionsInputError';
  }
}

/** Pollutant masses of one computation, grams; every method fills the ones it covers and leaves the rest 0. */
export type PollutantsG = {
  readonly co2G: number;
  readonly ch4G: number;
  readonly n2oG: number;
  readonly so2G: number;
  readonly noxG: number;
  readonly pm10G: number;
  readonly pm25G: number;
  readonly coG: number;
  readonly hcG: number;
};

export const ZERO_POLLUTANTS: PollutantsG = {
  co2G: 0,
  ch4G: 0,
  n2oG: 0,
  so2G: 0,
  noxG: 0,
  pm10G: 0,
  pm25G: 0,
  coG: 0,
  hcG: 0,
};

/** `a op b`, pollutant by pollutant. */
function combinePollutants(a: PollutantsG, b: PollutantsG, op: (x: number, y: number) => number): PollutantsG {
  return {
    co2G: op(a.co2G, b.co2G),
    ch4G: op(a.ch4G, b.ch4G),
    n2oG: op(a.n2oG, b.n2oG),
    so2G: op(a.so2G, b.so2G),
    noxG: op(a.noxG, b.noxG),
    pm10G: op(a.pm10G, b.pm10G),
    pm25G: op(a.pm25G, b.pm25G),
    coG: op(a.coG, b.coG),
    hcG: op(a.hcG, b.hcG),
  };
}

export function addPollutants(a: PollutantsG, b: PollutantsG): PollutantsG {
  return combinePollutants(a, b, (x, y) => x + y);
}

/** `a − b`, pollutant by pollutant (e.g. emissions avoided). */
export function subtractPollutants(a: PollutantsG, b: PollutantsG): PollutantsG {
  return combinePollutants(a, b, (x, y) => x - y);
}

export function sumPollutants(all: readonly PollutantsG[]): PollutantsG {
  return all.reduce(addPollutants, ZERO_POLLUTANTS);
}

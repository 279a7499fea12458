import { describe, expect, it } from 'vitest';
import { cleanTruckFundCharge, cleanTruckFundTotal } from './clean-truck-fund.js';
import { isZeroEmissionPowertrain, isZeroEmissionTruck } from './ze-classification.js';
import { CHE_TARGET, DRAYAGE_TARGET, cheZeroEmissionShare, progressToward } from './ze-share.js';

describe('zero-emission classification (reference §5 "ZE equipment types")', () => {
  it('should count battery-electric, fuel-cell and grid-electric equipment as ZE, hybrid and diesel not', () => {
    expect(isZeroEmissionPowertrain('battery_electric')).toBe(true);
    expect(isZeroEmissionPowertrain('hydrogen_fuel_cell')).toBe(true);
    expect(isZeroEmissionPowertrain('grid_electric')).toBe(true);
    expect(isZeroEmissionPowertrain('hybrid')).toBe(false);
    expect(isZeroEmissionPowertrain('diesel')).toBe(false);
  });
  it('should count BEV and FCEV drayage trucks as ZE, diesel and natural gas not', () => {
    expect(isZeroEmissionTruck('battery_electric')).toBe(true);
    expect(isZeroEmissionTruck('fuel_cell')).toBe(true);
    expect(isZeroEmissionTruck('natural_gas')).toBe(false);
    expect(isZeroEmissionTruck('diesel')).toBe(false);
  });
});

describe('ZE share of cargo-handling equipment', () => {
  it('should divide by count and by operating hours, leaving ship-to-shore cranes out', () => {
    const share = cheZeroEmissionShare([
      { equipmentType: 'yard_tractor', powertrain: 'battery_electric', operatingHours: 6 },
      { equipmentType: 'yard_tractor', powertrain: 'diesel', operatingHours: 10 },
      { equipmentType: 'rtg', powertrain: 'hybrid', operatingHours: 2 },
      { equipmentType: 'top_handler', powertrain: 'hydrogen_fuel_cell', operatingHours: 2 },
      { equipmentType: 'sts_crane', powertrain: 'grid_electric', operatingHours: 20 },
    ]);
    expect(share).toEqual({
      units: 4,
      zeUnits: 2,
      shareByCount: 0.5,
      operatingHours: 20,
      zeOperatingHours: 8,
      shareByHours: 0.4,
    });
  });
  it('should answer null shares, not NaN, when there is nothing to divide by', () => {
    expect(cheZeroEmissionShare([])).toMatchObject({ shareByCount: null, shareByHours: null });
    const idle = cheZeroEmissionShare([{ equipmentType: 'rtg', powertrain: 'diesel', operatingHours: 0 }]);
    expect(idle).toMatchObject({ shareByCount: 0, shareByHours: null });
  });
});

describe('the Clean Truck Fund (reference §5: $10/TEU, $20 per loaded FEU)', () => {
  it('should charge $20 per loaded FEU and $10 per loaded TEU on non-exempt trucks, nothing on ZE trucks or empties', () => {
    expect(cleanTruckFundCharge({ fuel: 'diesel', lengthFt: 40, loaded: true })).toBe(20);
    expect(cleanTruckFundCharge({ fuel: 'natural_gas', lengthFt: 20, loaded: true })).toBe(10);
    expect(cleanTruckFundCharge({ fuel: 'diesel', lengthFt: 45, loaded: true })).toBe(20);
    expect(cleanTruckFundCharge({ fuel: 'diesel', lengthFt: 40, loaded: false })).toBe(0);
    expect(cleanTruckFundCharge({ fuel: 'battery_electric', lengthFt: 40, loaded: true })).toBe(0);
    expect(cleanTruckFundCharge({ fuel: 'fuel_cell', lengthFt: 20, loaded: true })).toBe(0);
    expect(
      cleanTruckFundTotal([
        { fuel: 'diesel', lengthFt: 40, loaded: true },
        { fuel: 'diesel', lengthFt: 20, loaded: true },
        { fuel: 'fuel_cell', lengthFt: 40, loaded: true },
      ]),
    ).toEqual({ usd: 30, chargedTeu: 3 });
  });
});

describe('progress toward the CAAP goals (CHE 2030, drayage 2035)', () => {
  it('should give the gap, the years left and the yearly gain that closes it', () => {
    expect(progressToward(CHE_TARGET, 0.2, 2026)).toEqual({
      targetShare: 1,
      targetYear: 2030,
      gap: 0.8,
      yearsLeft: 4,
      requiredGainPerYear: 0.2,
      met: false,
    });
    expect(progressToward(DRAYAGE_TARGET, 1, 2026)).toMatchObject({ gap: 0, met: true, targetYear: 2035 });
    expect(progressToward(CHE_TARGET, 0.5, 2031)).toMatchObject({ yearsLeft: 0, requiredGainPerYear: null });
    expect(progressToward(CHE_TARGET, null, 2026)).toMatchObject({ gap: null, met: false });
  });
});

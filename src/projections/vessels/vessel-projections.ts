/**
 * The AIS vessel read models, in catch-up order: the detector must run before the call read model,
 * which reads the events the detector appends.
 */
import { loadGeography } from '../../geo/load-geography.js';
import type { Geography } from '../../geo/geography.js';
import type { Projection } from '../projection.js';
import { vesselCallDetectorProjection } from './vessel-call-detector-projection.js';
import { vesselCallProjection } from './vessel-call-projection.js';
import { vesselPositionProjection } from './vessel-position-projection.js';
import { vesselRegistryProjection } from './vessel-registry-projection.js';

export function vesselProjections(geography: Geography = loadGeography()): Projection[] {
  return [
    vesselRegistryProjection,
    vesselPositionProjection,
    vesselCallDetectorProjection(geography),
    vesselCallProjection,
  ];
}

/** Every read model the product maintains, in the order they are caught up. */
import type { Projection } from './projection.js';
import { callEmissionsProjection } from './emissions/call-emissions-projection.js';
import { equipmentProjections } from './equipment/equipment-projections.js';
import { alertProjection } from './alerts/alert-projection.js';
import { containerStatusProjection } from './containers/container-status-projection.js';
import { drayageTruckProjection } from './drayage/drayage-truck-projection.js';
import { terminalFeedProjections } from './terminal-feeds/terminal-feed-projections.js';
import { terminalKpiProjection } from './terminal-kpis/terminal-kpi-projection.js';
import { truckVisitProjection } from './truck-visits/truck-visit-projection.js';
import { vesselScheduleProjection } from './vessel-schedule/vessel-schedule-projection.js';
import { vesselProjections } from './vessels/vessel-projections.js';

export function defaultProjections(): Projection[] {
  return [
    vesselScheduleProjection,
    containerStatusProjection(),
    truckVisitProjection,
    terminalKpiProjection,
    ...vesselProjections(),
    // After the vessel read models: it reads their calls, tracks and static data.
    callEmissionsProjection,
    ...terminalFeedProjections(),
    ...equipmentProjections(),
    drayageTruckProjection,
    // After the container read model: alerts compare its rows with the state they saw last.
    alertProjection,
  ];
}

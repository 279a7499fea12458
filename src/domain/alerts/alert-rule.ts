/**
 * Alert rules (issue 13; docs/alerts.md): what a member subscribes to. Each kind watches one key of one read
 * model — an empty-return receivable (location × SCAC × ISO size/type), the appointment slots of a terminal and
 * transaction type, or one container — and fires on an edge of that key's state, never on a level: a repeated
 * identical statement, or a state that stays where it was, raises nothing.
 */
import type { AppointmentTransactionType } from '../cargo-event-codes.js';

export const ALERT_RULE_KINDS = [
  'empty-capacity-zero',
  'empty-capacity-reopened',
  'appointment-slots-free',
  'container-available',
  'hold-set',
  'hold-released',
  'last-free-day-tomorrow',
] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

/** The kinds that watch one container (`container_status`); their alerts tell of a box's restricted data. */
export const CONTAINER_RULE_KINDS = [
  'container-available',
  'hold-set',
  'hold-released',
  'last-free-day-tomorrow',
] as const satisfies readonly AlertRuleKind[];
export type ContainerRuleKind = (typeof CONTAINER_RULE_KINDS)[number];

/** An empty-return location's capacity for one carrier and ISO size/type (the `ERCV` key). */
export interface EmptyCapacityParameters {
  readonly locationCode: string;
  readonly carrierScac: string;
  readonly isoEquipmentCode: string;
}

/** Appointment slots of a terminal and transaction type whose start lies in [from, to). */
export interface SlotWindowParameters {
  readonly terminal: string;
  readonly transactionType: AppointmentTransactionType;
  /** ISO 8601 instants; the window is half-open. */
  readonly from: string;
  readonly to: string;
}

export interface ContainerParameters {
  readonly equipmentReference: string;
}

export type AlertRule =
  | { readonly kind: 'empty-capacity-zero' | 'empty-capacity-reopened'; readonly parameters: EmptyCapacityParameters }
  | { readonly kind: 'appointment-slots-free'; readonly parameters: SlotWindowParameters }
  | { readonly kind: ContainerRuleKind; readonly parameters: ContainerParameters };

/**
 * The read-model key a rule watches: rules are stored and looked up by it, so evaluating a change costs one
 * indexed lookup however many rules exist. Slot rules watch the terminal and transaction type (the window is
 * checked per slot).
 */
export function watchKeyOfRule(rule: AlertRule): string {
  switch (rule.kind) {
    case 'empty-capacity-zero':
    case 'empty-capacity-reopened':
      return emptyCapacityKey(rule.parameters);
    case 'appointment-slots-free':
      return slotKey(rule.parameters.terminal, rule.parameters.transactionType);
    case 'container-available':
    case 'hold-set':
    case 'hold-released':
    case 'last-free-day-tomorrow':
      return containerKey(rule.parameters.equipmentReference);
  }
}

export const emptyCapacityKey = (p: EmptyCapacityParameters): string =>
  `empty|${p.locationCode}|${p.carrierScac}|${p.isoEquipmentCode}`;
export const slotKey = (terminal: string, transactionType: string): string => `slots|${terminal}|${transactionType}`;
export const containerKey = (equipmentReference: string): string => `container|${equipmentReference}`;

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** A stored rule read back (kind column + parameters jsonb); null when it does not have the shape of its kind. */
export function storedRule(kind: string, parameters: Readonly<Record<string, unknown>>): AlertRule | null {
  const p = parameters;
  switch (kind) {
    case 'empty-capacity-zero':
    case 'empty-capacity-reopened':
      return str(p.locationCode) && str(p.carrierScac) && str(p.isoEquipmentCode)
        ? {
            kind,
            parameters: {
              locationCode: p.locationCode,
              carrierScac: p.carrierScac,
              isoEquipmentCode: p.isoEquipmentCode,
            },
          }
        : null;
    case 'appointment-slots-free':
      return str(p.terminal) && str(p.transactionType) && str(p.from) && str(p.to)
        ? {
            kind,
            parameters: {
              terminal: p.terminal,
              transactionType: p.transactionType as SlotWindowParameters['transactionType'],
              from: p.from,
              to: p.to,
            },
          }
        : null;
    case 'container-available':
    case 'hold-set':
    case 'hold-released':
    case 'last-free-day-tomorrow':
      return str(p.equipmentReference) ? { kind, parameters: { equipmentReference: p.equipmentReference } } : null;
    default:
      return null;
  }
}

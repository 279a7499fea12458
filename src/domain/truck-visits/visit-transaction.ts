/** One container move of a truck visit (a drop-off at gate in, a pick-up at gate out), as the read model keeps it. */
export interface VisitTransaction {
  readonly transactionId: string;
  /** DROPOFF (gate in with the box) or PICKUP (gate out with it). */
  readonly move: 'DROPOFF' | 'PICKUP';
  readonly equipmentReference: string;
  readonly emptyIndicatorCode: string | null;
  readonly isoEquipmentCode: string | null;
  readonly at: string;
  readonly appointmentId: string | null;
  /** `createdAt|key` of the fact: a re-sent, corrected transaction replaces the older version. */
  readonly rank: string;
}

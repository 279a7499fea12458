/**
 * The `source` of an answer dated by one stored event: the organisation that stated it, the inbox message it came
 * in (null for events with none, e.g. derived) and the event's id — what issue 13's "as of and source" shows.
 */
export interface EventSource {
  readonly organisation: string;
  readonly inboxId: string | null;
  readonly eventId: string;
}

/** The `event` columns a source is read from. */
export interface EventSourceColumns {
  readonly source_org: string;
  readonly inbox_id: string | number | bigint | null;
  readonly event_id: string;
}

export function eventSource(row: EventSourceColumns): EventSource {
  return {
    organisation: row.source_org,
    inboxId: row.inbox_id === null ? null : String(row.inbox_id),
    eventId: row.event_id,
  };
}

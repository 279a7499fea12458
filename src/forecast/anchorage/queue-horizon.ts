/** How far ahead the anchorage queue is forecast: the route's and the CLI's `days`. */
export const MAX_QUEUE_DAYS = 14;
export const DEFAULT_QUEUE_DAYS = 3;

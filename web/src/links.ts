/** Links between views (hash routes of `main.ts`), shared so no view imports another view's chunk. */

/** A vessel call's page: `#/call?id=<MMSI>:<YYYY-MM-DDTHH:MM>`. */
export function callHref(callId: string): string {
  return `#/call?id=${encodeURIComponent(callId)}`;
}

/** A green corridor's page, over the same period as the dashboard that links to it. */
export function corridorHref(corridorId: string, period?: { readonly from: string; readonly to: string }): string {
  const query = new URLSearchParams({ id: corridorId, ...(period ?? {}) });
  return `#/corridor?${query.toString()}`;
}

/**
 * One page of a keyset-paged list whose rows are filtered again after the query (a caller's partial view of a
 * row may fail a filter the stored row passes). Reads batches of `limit + 1` rows after `after` until `limit`
 * views are kept or the rows end, so a page is short only at the end and `more` never ends a listing early.
 */
export interface FilteredPageSource<Row, View> {
  readonly limit: number;
  readonly after: string | undefined;
  /** Up to `limit + 1` rows after the key, in key order. */
  fetch(after: string | undefined): Promise<readonly Row[]>;
  /** What the caller sees of each row (aligned with `rows`), or `undefined` where that view fails the filter. */
  view(rows: readonly Row[]): Promise<readonly (View | undefined)[]>;
  keyOf(row: Row): string;
}

export async function filteredPage<Row, View>(
  source: FilteredPageSource<Row, View>,
): Promise<{ items: View[]; more: boolean }> {
  const items: View[] = [];
  let after = source.after;
  for (;;) {
    const rows = await source.fetch(after);
    const batchMore = rows.length > source.limit;
    const batch = batchMore ? rows.slice(0, source.limit) : rows;
    const views = await source.view(batch);
    for (const [i, view] of views.entries()) {
      if (view === undefined) continue;
      items.push(view);
      if (items.length === source.limit) return { items, more: batchMore || i < batch.length - 1 };
    }
    const last = batch.at(-1);
    if (!batchMore || last === undefined) return { items, more: false };
    after = source.keyOf(last);
  }
}

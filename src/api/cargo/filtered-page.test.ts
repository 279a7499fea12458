import { describe, expect, it } from 'vitest';
import { filteredPage } from './filtered-page.js';

/** Rows 'a'..'j'; the caller's view keeps the rows in `keep`. */
function source(keep: string, limit: number, after?: string) {
  const rows = 'abcdefghij'.split('');
  const fetched: string[] = [];
  return {
    fetched,
    page: filteredPage({
      limit,
      after,
      fetch: async (from: string | undefined) => {
        fetched.push(from ?? '-');
        return rows.filter((r) => from === undefined || r > from).slice(0, limit + 1);
      },
      view: async (batch: readonly string[]) => batch.map((r) => (keep.includes(r) ? r.toUpperCase() : undefined)),
      keyOf: (r: string) => r,
    }),
  };
}

describe('filteredPage', () => {
  it('should read on past a batch whose every row the view drops', async () => {
    const { page, fetched } = source('gh', 2);
    expect(await page).toEqual({ items: ['G', 'H'], more: true });
    expect(fetched).toEqual(['-', 'b', 'd', 'f']);
  });

  it('should say there is no more when the rows end with the page', async () => {
    expect(await source('abcdefghij', 10).page).toEqual({ items: 'ABCDEFGHIJ'.split(''), more: false });
    expect(await source('j', 3).page).toEqual({ items: ['J'], more: false });
    expect(await source('', 3).page).toEqual({ items: [], more: false });
  });

  it('should start after the cursor key', async () => {
    expect(await source('abcdefghij', 3, 'e').page).toEqual({ items: ['F', 'G', 'H'], more: true });
  });
});

/**
 * The groups of a CSV whose rows only make events together (an appointment or a truck visit spanning rows), read
 * without holding the file: a first pass counts the records of each group (`groupSizes`: a key and a number per
 * group, no row), then, as the rows are read again, a group is handed over as soon as its last record has been
 * read (`OpenGroups`). A file sorted by group holds one group at a time; an unsorted one holds the rows of the
 * groups still open, never more than the whole file.
 */
import type { CsvRecord } from '../csv-table.js';
import type { ParsedRow } from './cargo-csv-parser.js';

/** The number of records of each group, by key, as `parts` gives them (reading stops at an unreadable part). */
export function groupSizes(
  parts: Iterable<
    | { readonly ok: true; readonly records: readonly CsvRecord[]; readonly rejectedRecords: readonly CsvRecord[] }
    | { readonly ok: false }
  >,
  keyOf: (record: CsvRecord) => string,
): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const part of parts) {
    if (!part.ok) break;
    for (const records of [part.records, part.rejectedRecords]) {
      for (const record of records) {
        const key = keyOf(record);
        sizes.set(key, (sizes.get(key) ?? 0) + 1);
      }
    }
  }
  return sizes;
}

/** The rows of complete groups, in file order, and the groups (`groupOf`) their rejected records tainted. */
export interface ClosedGroups<Row> {
  readonly rows: ParsedRow<Row>[];
  readonly tainted: Set<string>;
}

interface OpenGroup<Row> {
  readonly rows: { readonly seq: number; readonly parsed: ParsedRow<Row> }[];
  readonly tainted: Set<string>;
}

export class OpenGroups<Row> {
  private readonly open = new Map<string, OpenGroup<Row>>();
  private closed: OpenGroup<Row>[] = [];
  private seq = 0;

  /** `sizes` from `groupSizes` over the same records; it is consumed as groups close. */
  constructor(private readonly sizes: Map<string, number>) {}

  /** One record of group `key` was read: its row when it is good, the group it taints when it is rejected. */
  add(key: string, read: { readonly row: ParsedRow<Row> } | { readonly taints: string | undefined }): void {
    let group = this.open.get(key);
    if (!group) {
      group = { rows: [], tainted: new Set() };
      this.open.set(key, group);
    }
    const seq = this.seq++;
    if ('row' in read) group.rows.push({ seq, parsed: read.row });
    else if (read.taints !== undefined) group.tainted.add(read.taints);
    const left = (this.sizes.get(key) ?? 1) - 1;
    if (left > 0) {
      this.sizes.set(key, left);
      return;
    }
    this.sizes.delete(key);
    this.open.delete(key);
    this.closed.push(group);
  }

  /** The groups completed since the last call. */
  takeClosed(): ClosedGroups<Row> {
    const taken = this.merge(this.closed);
    this.closed = [];
    return taken;
  }

  /** Every group still open (reading stopped before their last record) with the completed ones. */
  takeAll(): ClosedGroups<Row> {
    const taken = this.merge([...this.closed, ...this.open.values()]);
    this.closed = [];
    this.open.clear();
    return taken;
  }

  private merge(groups: readonly OpenGroup<Row>[]): ClosedGroups<Row> {
    const rows = groups.flatMap((g) => g.rows).sort((a, b) => a.seq - b.seq);
    const tainted = new Set<string>();
    for (const group of groups) for (const id of group.tainted) tainted.add(id);
    return { rows: rows.map((r) => r.parsed), tainted };
  }
}

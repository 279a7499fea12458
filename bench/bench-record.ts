/**
 * One benchmark measurement, printed as a JSON line by `npm run bench` (DESIGN §6):
 * `{"bench": name, "unit": ..., "value": ..., "reference": ..., "ratio": ...}`.
 * `reference`/`ratio` are set when a reference implementation was measured in the same run.
 */
export interface BenchRecord {
  readonly bench: string;
  readonly unit: string;
  readonly value: number;
  /** Name of the reference measured side by side (e.g. `gpsdecode -j`), if any. */
  readonly reference?: string | undefined;
  /** The reference's value in the same unit. */
  readonly referenceValue?: number | undefined;
  /** value / referenceValue. */
  readonly ratio?: number | undefined;
  /** Anything that qualifies the number: engine, batch size, input size, machine. */
  readonly [detail: string]: unknown;
}

export type Emit = (record: BenchRecord) => void;

/** A benchmark suite: a module under bench/ whose default export runs and emits records. */
export type BenchSuite = (emit: Emit, options: { readonly quick: boolean }) => Promise<void>;

export function printRecord(record: BenchRecord): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Bytes of a file under test/fixtures/. */
export function fixture(path: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)));
}

/** Path of a file under ../shared/datasets (read-only reference data tests may use). */
export function sharedDataset(path: string): string {
  return fileURLToPath(new URL(`../../../shared/datasets/${path}`, import.meta.url));
}

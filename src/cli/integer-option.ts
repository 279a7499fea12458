/**
 * One parser for every numeric CLI option: a whole number in a range, or a usage error (exit status 2)
 * naming the option and the value, instead of `NaN` or a silent default travelling on.
 */
import { InvalidArgumentError } from 'commander';

export interface IntegerRange {
  readonly min: number;
  readonly max?: number | undefined;
}

/** Parses `text` as a whole decimal number within `range`; throws commander's InvalidArgumentError otherwise. */
export function parseIntegerOption(text: string, range: IntegerRange): number {
  const trimmed = text.trim();
  const n = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(n) || n < range.min || n > max) {
    const bound = range.max === undefined ? `${range.min} or more` : `from ${range.min} to ${range.max}`;
    throw new InvalidArgumentError(`must be a whole number ${bound}`);
  }
  return n;
}

/** `Option.argParser` / `.option(flags, description, parser)` form of `parseIntegerOption`. */
export function integerOption(range: IntegerRange): (text: string) => number {
  return (text) => parseIntegerOption(text, range);
}

/** An event position (`seq`, int8): a decimal string of up to 19 digits, kept as text. */
export function positionOption(text: string): string {
  const trimmed = text.trim();
  if (!/^\d{1,19}$/.test(trimmed) || BigInt(trimmed) > 9_223_372_036_854_775_807n) {
    throw new InvalidArgumentError('must be an event position: a whole number 0 or more');
  }
  return BigInt(trimmed).toString();
}

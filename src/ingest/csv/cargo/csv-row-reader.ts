/**
 * Typed, validating access to the cells of one CSV record. Every failed read records a rejection with the
 * record's line (1-based, header = line 1), the column as pointer and a message quoting the cell, e.g.
 * `container_number "MSCU1234565": check digit of MSCU1234565 is 5, ISO 6346 Annex A gives 6`; reads
 * never throw. A row is usable when `ok` is still true after all reads.
 */
import type { IdentifierErrorCode } from '../../../domain/errors/identifier-errors.js';
import type { IdentifierResult } from '../../../domain/identifiers/identifier-result.js';
import { isValidTimeZone } from '../../../domain/zoned-time.js';
import type { Rejection } from '../../message-parser.js';
import { parseCsvDateTime } from '../csv-datetime.js';
import type { CsvRecord } from '../csv-table.js';
import type { CsvErrorCode } from '../../../domain/errors/csv-errors.js';

interface Need {
  readonly required?: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class CsvRowReader {
  readonly rejections: Rejection[] = [];

  constructor(
    private readonly record: CsvRecord,
    private readonly timeZone: string,
  ) {}

  get line(): number {
    return this.record.line;
  }

  get ok(): boolean {
    return this.rejections.length === 0;
  }

  fail(code: CsvErrorCode | IdentifierErrorCode, message: string, column?: string): undefined {
    this.rejections.push({ code, message, line: this.record.line, pointer: column });
    return undefined;
  }

  /** Trimmed cell text; '' when the column is absent or the cell empty. */
  raw(column: string): string {
    return this.record.cells[column] ?? '';
  }

  text(column: string, need: Need & { readonly maxLength?: number } = {}): string | undefined {
    const value = this.raw(column);
    if (value === '') {
      return need.required ? this.fail('PCS_CSV_MISSING_VALUE', `${column} is empty`, column) : undefined;
    }
    // PostgreSQL text and jsonb cannot hold U+0000: the cell would fail the whole message's append.
    if (value.includes('\u0000')) return this.fail('PCS_CSV_BAD_VALUE', `${column} contains a NUL character`, column);
    if (need.maxLength !== undefined && value.length > need.maxLength) {
      return this.fail('PCS_CSV_BAD_VALUE', `${column} "${value}" is longer than ${need.maxLength} characters`, column);
    }
    return value;
  }

  identifier<T extends string>(
    column: string,
    validate: (input: string) => IdentifierResult<T>,
    need: Need = {},
  ): T | undefined {
    const value = this.text(column, need);
    if (value === undefined) return undefined;
    const result = validate(value);
    if (result.ok) return result.value;
    return this.fail(result.code, `${column} "${value}": ${result.reason}`, column);
  }

  dateTime(column: string, need: Need = {}): string | undefined {
    const value = this.text(column, need);
    if (value === undefined) return undefined;
    const instant = parseCsvDateTime(value, this.timeZone);
    if (instant !== null) return instant;
    if (!isValidTimeZone(this.timeZone) && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(value)) {
      return this.fail(
        'PCS_CSV_BAD_TIMEZONE',
        `${column} "${value}" has no offset and the sender time zone "${this.timeZone}" is not an IANA zone`,
        column,
      );
    }
    return this.fail(
      'PCS_CSV_BAD_DATETIME',
      `${column} "${value}" is not ISO 8601 with an offset nor YYYY-MM-DD HH:MM[:SS]`,
      column,
    );
  }

  /** A calendar date `YYYY-MM-DD`, returned as written. */
  date(column: string, need: Need = {}): string | undefined {
    const value = this.text(column, need);
    if (value === undefined) return undefined;
    const m = DATE.exec(value);
    const probe = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !probe || probe.getUTCDate() !== Number(m[3]) || probe.getUTCMonth() !== Number(m[2]) - 1) {
      return this.fail('PCS_CSV_BAD_DATE', `${column} "${value}" is not a calendar date YYYY-MM-DD`, column);
    }
    return value;
  }

  /** One of a closed set; `choices` maps every accepted spelling (upper-case) to its canonical value. */
  choice<T extends string>(
    column: string,
    choices: Readonly<Record<string, T>>,
    need: Need & { readonly fallback?: T } = {},
  ): T | undefined {
    const value = this.text(column, need.fallback === undefined ? need : {});
    if (value === undefined) return need.fallback;
    const found = choices[value.toUpperCase().replace(/[\s-]+/g, '_')];
    if (found !== undefined) return found;
    const allowed = [...new Set(Object.values(choices))].join(', ');
    return this.fail('PCS_CSV_BAD_VALUE', `${column} "${value}" is not one of ${allowed}`, column);
  }

  integer(column: string, need: Need & { readonly min: number; readonly max: number }): number | undefined {
    const value = this.text(column, need);
    if (value === undefined) return undefined;
    const cleaned = value.replace(/[_\s]/g, '');
    const n = /^-?\d+$/.test(cleaned) ? Number(cleaned) : NaN;
    if (!Number.isSafeInteger(n) || n < need.min || n > need.max) {
      return this.fail(
        'PCS_CSV_BAD_NUMBER',
        `${column} "${value}" is not a whole number from ${need.min} to ${need.max}`,
        column,
      );
    }
    return n;
  }
}

import { describe, expect, it } from 'vitest';
import { describeProjectionFailure, PROJECTION_FAILURE_MESSAGE_MAX } from './projection-failure.js';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('projection failure', () => {
  it('should quarantine errors the events cause: bad data, constraint violations, payload type errors', () => {
    expect(describeProjectionFailure(pgError('22P02', 'invalid input syntax for type integer: "70.5"'))).toEqual({
      code: '22P02',
      message: 'invalid input syntax for type integer: "70.5"',
      transient: false,
    });
    expect(describeProjectionFailure(pgError('23502', 'null value in column "mmsi"')).transient).toBe(false);
    expect(
      describeProjectionFailure(new TypeError("Cannot read properties of undefined (reading 'lat')")),
    ).toMatchObject({ code: 'TypeError', transient: false });
  });

  it('should retry, not quarantine, when the store fails: connection, serialization, deadlock, shutdown, locks', () => {
    for (const code of ['08006', '40001', '40P01', '53200', '57P01', '57014', '58030', 'XX000', '55P03']) {
      expect(describeProjectionFailure(pgError(code, 'x')).transient).toBe(true);
    }
  });

  it('should keep one short line without the credentials of a connection URL', () => {
    const failure = describeProjectionFailure(
      new Error(`connect to postgres://app:s3cret@db:5432/pcs failed\n\tat line 2\u0000 ${'x'.repeat(2000)}`),
    );
    expect(failure.message).not.toContain('s3cret');
    expect(failure.message).toMatch(/^connect to postgres:\/\/\*\*\*@db:5432\/pcs failed at line 2 x+…$/);
    expect(failure.message).toHaveLength(PROJECTION_FAILURE_MESSAGE_MAX);
    expect(describeProjectionFailure('plain text').message).toBe('plain text');
    expect(describeProjectionFailure({ code: 'not a sqlstate' })).toMatchObject({ code: null, transient: false });
  });
});

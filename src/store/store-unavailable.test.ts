import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from './store-unavailable.js';

function pgError(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

describe('isStoreUnavailable', () => {
  it.each([
    ['a terminated backend (57P01)', pgError('57P01', 'terminating connection due to administrator command')],
    ['a crashed server (57P02)', pgError('57P02')],
    ['a server still starting (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', pgError('08006')],
    ['a refused connection (08001)', pgError('08001')],
    ['too many connections (53300)', pgError('53300')],
    ['a reset socket', pgError('ECONNRESET')],
    ['a refused socket', pgError('ECONNREFUSED')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a client that lost its connection', new Error('Client has encountered a connection error and is not queryable')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a wrapped cause', new Error('query failed', { cause: pgError('57P01') })],
    ['every attempt of an AggregateError', new AggregateError([pgError('ECONNREFUSED'), pgError('ETIMEDOUT')])],
  ])('should count %s as the store being unavailable', (_what, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', pgError('23505')],
    ['a syntax error (42601)', pgError('42601')],
    ['a serialization failure (40001)', pgError('40001')],
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['a string', 'Connection terminated'],
    ['null', null],
    [
      'an AggregateError with one non-connection error',
      new AggregateError([pgError('ECONNREFUSED'), pgError('23505')]),
    ],
  ])('should not count %s', (_what, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { ANONYMOUS, LOCAL_OPERATOR, scopeFor } from './access-scope.js';
import { ACCESS, decideRouteAccess } from './route-access.js';

describe('decideRouteAccess', () => {
  const carrier = (scopes: ('read' | 'ingest' | 'admin')[]) => scopeFor('maeu', 'carrier', scopes, 'k1');

  it('should let anonymous callers read public data only, and ask them for a key everywhere else', () => {
    expect(decideRouteAccess(ANONYMOUS, ACCESS.public)).toBe('allowed');
    expect(decideRouteAccess(ANONYMOUS, ACCESS.read)).toBe('allowed');
    for (const access of [ACCESS.readOwn, ACCESS.ingest, ACCESS.admin]) {
      expect(decideRouteAccess(ANONYMOUS, access)).toBe('unauthenticated');
    }
  });

  it('should refuse a key without the route’s scope, whatever its role', () => {
    expect(decideRouteAccess(carrier(['ingest']), ACCESS.read)).toBe('forbidden');
    expect(decideRouteAccess(carrier(['ingest']), ACCESS.readOwn)).toBe('forbidden');
    expect(decideRouteAccess(carrier(['read']), ACCESS.ingest)).toBe('forbidden');
    expect(decideRouteAccess(scopeFor('pola', 'port_authority', ['read'], 'k2'), ACCESS.admin)).toBe('forbidden');
    expect(decideRouteAccess(carrier([]), ACCESS.public)).toBe('allowed');
    expect(decideRouteAccess(carrier(['read']), ACCESS.readOwn)).toBe('allowed');
    expect(decideRouteAccess(LOCAL_OPERATOR, ACCESS.admin)).toBe('allowed');
  });
});

import { describe, expect, it } from 'vitest';
import { organisationReadScope, scopeFor } from './access-scope.js';

describe('the scope of reads made for an organisation (webhook deliveries, alert rules)', () => {
  it('should see what a read-only key of the organisation sees', () => {
    expect(organisationReadScope('pola', 'port_authority')).toEqual(scopeFor('pola', 'port_authority', ['read'], null));
    expect(organisationReadScope('sbtl', 'trucker')).toMatchObject({ all: false, member: true, scopes: ['read'] });
    expect(organisationReadScope('anon', 'public')).toMatchObject({ all: false, member: false });
  });

  it('should give an unknown organisation or role nothing', () => {
    expect(organisationReadScope('gone', undefined)).toBeUndefined();
    expect(organisationReadScope('odd', 'pirate')).toBeUndefined();
  });
});

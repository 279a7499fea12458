/** Community roles (DESIGN §5) and API key scopes. */
/**
 * Roles an organisation may be registered with over the API: every role but `system`, whose organisations
 * are the operator's (see administration.ts).
 */
export const REGISTRABLE_ROLES = [
  'port_authority',
  'terminal',
  'carrier',
  'bco',
  'forwarder',
  'customs_broker',
  'trucker',
  'railroad',
  'sister_port',
  'public',
] as const;
export const ROLES = [...REGISTRABLE_ROLES, 'system'] as const;
export type Role = (typeof ROLES)[number];

/** read: query data the organisation may see; ingest: send messages; admin: manage organisations and keys. */
export const SCOPES = ['read', 'ingest', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Roles that see every organisation's data (the port authority administers the community). */
export const SEES_ALL: ReadonlySet<Role> = new Set<Role>(['port_authority', 'system']);

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

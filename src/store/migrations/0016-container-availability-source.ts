/**
 * Whether a box in the yard may be picked up follows its holds and the terminal's availability statements
 * (domain/containers/pickup-availability.ts): `container_status.availability_source` keeps on whose word it is
 * (`{ kind: 'terminal', terminal, statedAt, statedBy, inboxId, line, holds }` or `{ kind: 'holds', holdsOpen }`),
 * null when the box is not in the yard. The container-status projection's version goes up with it, so existing
 * rows are rebuilt.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table container_status add column availability_source jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table container_status drop column availability_source`.execute(db);
}

/**
 * Which terminals an organisation operates (DESIGN §5, access/operated-terminals.ts): `organisation_terminal`
 * links an organisation to the SMDG codes of the terminal registry (`GET /terminals`) it speaks for. Only the
 * port authority sets the links (`PUT /admin/organisations/{id}/terminals`, `openpcs orgs set-terminals`).
 * Facts a `terminal` organisation states about a terminal it is not linked to (availability, a stated last
 * free day, a gate or vessel move at that terminal) are rejected row by row to the dead letter. An organisation
 * may operate several terminals; a terminal may be linked to more than one organisation (a joint operation, a
 * change of operator in progress).
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create table organisation_terminal (
    org_id text not null references organisation(id),
    terminal_code text not null check (terminal_code ~ '^[A-Z0-9]{1,6}$'),
    linked_at timestamptz not null default now(),
    linked_by text,
    primary key (org_id, terminal_code)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement at a time.
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table organisation_terminal').execute(db);
}

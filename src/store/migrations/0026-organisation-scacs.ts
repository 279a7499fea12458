/**
 * Which carriers an organisation speaks for (access/carrier-scacs.ts; docs/truckers.md): `organisation_scac` links
 * an organisation with the role `carrier` to the Standard Carrier Alpha Codes (NMFTA: 2-4 upper-case letters) it
 * is, set by the port authority only (`PUT /admin/organisations/{id}/scacs`, `openpcs orgs set-scacs`). A SCAC is
 * one company's code, so it is linked to at most one organisation: otherwise another carrier could restrict the
 * returns of empties that are not its own.
 *
 * The empty-return read model keeps each party's word apart: `empty_receivable.stated_by` is `LOCATION` (the
 * terminal, or the port authority for a depot) or `CARRIER` (the carrier of the SCAC), and the key becomes
 * location × SCAC × ISO size/type × speaker. Rows already there are the location's word (the only one sent so far).
 */
import { sql, type Kysely } from 'kysely';

const STATEMENTS: readonly string[] = [
  `create table organisation_scac (
    org_id text not null references organisation(id),
    scac text not null unique check (scac ~ '^[A-Z]{2,4}$'),
    linked_at timestamptz not null default now(),
    linked_by text,
    primary key (org_id, scac)
  )`,
  `alter table empty_receivable add column stated_by text not null default 'LOCATION'
    check (stated_by in ('LOCATION','CARRIER'))`,
  `alter table empty_receivable drop constraint empty_receivable_pkey`,
  `alter table empty_receivable add primary key (location_code, carrier_scac, iso_type, stated_by)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement at a time.
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`delete from empty_receivable where stated_by = 'CARRIER'`).execute(db);
  await sql.raw('alter table empty_receivable drop constraint empty_receivable_pkey').execute(db);
  await sql.raw('alter table empty_receivable drop column stated_by').execute(db);
  await sql.raw('alter table empty_receivable add primary key (location_code, carrier_scac, iso_type)').execute(db);
  await sql.raw('drop table organisation_scac').execute(db);
}

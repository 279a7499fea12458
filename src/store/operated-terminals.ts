/**
 * Which terminals each organisation operates (migration 0017; the rule is access/operated-terminals.ts). The
 * ingest pipeline reads a sender's standing inside each message's processing transaction, uncached, so a link
 * the port authority changes applies from the next message on, in every process sharing the store.
 */
import type { Kysely } from 'kysely';
import { isRole } from '../access/roles.js';
import type { CarrierStanding } from '../access/carrier-scacs.js';
import type { SenderStanding } from '../access/operated-terminals.js';
import { scacsOf } from './carrier-scacs.js';
import type { DB } from './schema.js';

export interface TerminalLink {
  readonly terminalCode: string;
  readonly linkedAt: string;
  readonly linkedBy: string | null;
}

export class OperatedTerminals {
  constructor(private readonly db: Kysely<DB>) {}

  /** The terminals `orgId` operates, by code. */
  async list(orgId: string, db: Kysely<DB> = this.db): Promise<TerminalLink[]> {
    const rows = await db
      .selectFrom('organisation_terminal')
      .select(['terminal_code', 'linked_at', 'linked_by'])
      .where('org_id', '=', orgId)
      .orderBy('terminal_code')
      .execute();
    return rows.map((r) => ({
      terminalCode: r.terminal_code,
      linkedAt: r.linked_at.toISOString(),
      linkedBy: r.linked_by,
    }));
  }

  /**
   * Makes `codes` the terminals `orgId` operates (an empty list clears them), in one transaction; links kept
   * keep their date. Codes are checked against the terminal registry by the caller.
   */
  async replace(orgId: string, codes: readonly string[], linkedBy: string): Promise<TerminalLink[]> {
    const wanted = [...new Set(codes.map((c) => c.toUpperCase()))];
    await this.db.transaction().execute(async (trx) => {
      let drop = trx.deleteFrom('organisation_terminal').where('org_id', '=', orgId);
      if (wanted.length > 0) drop = drop.where('terminal_code', 'not in', wanted);
      await drop.execute();
      if (wanted.length === 0) return;
      await trx
        .insertInto('organisation_terminal')
        .values(wanted.map((terminal_code) => ({ org_id: orgId, terminal_code, linked_by: linkedBy })))
        .onConflict((oc) => oc.columns(['org_id', 'terminal_code']).doNothing())
        .execute();
    });
    return this.list(orgId);
  }
}

/**
 * A message sender's role, linked terminals and SCACs, read in the caller's transaction; the role is null when
 * the sender is no registered organisation (the CLI's `local` operator).
 */
export async function senderStanding(db: Kysely<DB>, orgId: string): Promise<SenderStanding & CarrierStanding> {
  const rows = await db
    .selectFrom('organisation')
    .leftJoin('organisation_terminal', 'organisation_terminal.org_id', 'organisation.id')
    .select(['organisation.role', 'organisation_terminal.terminal_code'])
    .where('organisation.id', '=', orgId)
    .orderBy('organisation_terminal.terminal_code')
    .execute();
  const role = rows[0] && isRole(rows[0].role) ? rows[0].role : null;
  const operates = rows.flatMap((r) => (r.terminal_code === null ? [] : [r.terminal_code]));
  // Only a carrier's SCACs matter to the rules (access/carrier-scacs.ts): others skip the second read.
  const scacs = role === 'carrier' ? await scacsOf(db, orgId) : [];
  return { orgId, role, operates, scacs };
}

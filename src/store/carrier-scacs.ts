/**
 * Which carrier SCACs each organisation speaks for (migration 0026; the rule is access/carrier-scacs.ts). The
 * ingest pipeline reads a sender's SCACs inside each message's processing transaction, uncached
 * (`senderStanding`), so a link the port authority changes applies from the next message on.
 */
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface ScacLink {
  readonly scac: string;
  readonly linkedAt: string;
  readonly linkedBy: string | null;
}

/** `replace` found SCACs already linked to another organisation: nothing was changed. */
export interface ScacsTaken {
  readonly taken: readonly { readonly scac: string; readonly orgId: string }[];
}

export class CarrierScacs {
  constructor(private readonly db: Kysely<DB>) {}

  /** The SCACs `orgId` speaks for, in order. */
  async list(orgId: string, db: Kysely<DB> = this.db): Promise<ScacLink[]> {
    const rows = await db
      .selectFrom('organisation_scac')
      .select(['scac', 'linked_at', 'linked_by'])
      .where('org_id', '=', orgId)
      .orderBy('scac')
      .execute();
    return rows.map((r) => ({ scac: r.scac, linkedAt: r.linked_at.toISOString(), linkedBy: r.linked_by }));
  }

  /**
   * Makes `scacs` the SCACs `orgId` speaks for (an empty list clears them), in one transaction; links kept keep
   * their date. A SCAC linked to another organisation changes nothing and is answered as taken.
   */
  async replace(orgId: string, scacs: readonly string[], linkedBy: string): Promise<ScacLink[] | ScacsTaken> {
    const wanted = [...new Set(scacs.map((c) => c.toUpperCase()))];
    const taken = await this.db.transaction().execute(async (trx) => {
      if (wanted.length > 0) {
        const others = await trx
          .selectFrom('organisation_scac')
          .select(['scac', 'org_id'])
          .where('scac', 'in', wanted)
          .where('org_id', '<>', orgId)
          .orderBy('scac')
          .execute();
        if (others.length > 0) return others.map((o) => ({ scac: o.scac, orgId: o.org_id }));
      }
      let drop = trx.deleteFrom('organisation_scac').where('org_id', '=', orgId);
      if (wanted.length > 0) drop = drop.where('scac', 'not in', wanted);
      await drop.execute();
      if (wanted.length > 0) {
        await trx
          .insertInto('organisation_scac')
          .values(wanted.map((scac) => ({ org_id: orgId, scac, linked_by: linkedBy })))
          .onConflict((oc) => oc.columns(['org_id', 'scac']).doNothing())
          .execute();
      }
      return [];
    });
    return taken.length > 0 ? { taken } : this.list(orgId);
  }
}

/** The SCACs `orgId` speaks for, read in the caller's transaction (the sender standing of the pipeline). */
export async function scacsOf(db: Kysely<DB>, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('organisation_scac').select('scac').where('org_id', '=', orgId).execute();
  return rows.map((r) => r.scac).sort();
}

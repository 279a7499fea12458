/**
 * `GET /v2/events?sort=eventDateTime` (DCSA TNT 2.2, `sort` on GET /events: "eventDateTime:DESC"; our reader
 * EventQuery.sorted) is served by the index of migration 0015, on both engines (PGlite runs PostgreSQL's planner).
 * The statement checked is the one the reader really sends: it is captured on its way to the database, then
 * EXPLAINed with its parameters over a log of a few thousand events whose event times are spread (as real ones
 * are). The plan must read `event_date_time_sort` and never sort the whole log; without the index it is a
 * sequential scan under a Sort.
 */
import { CompiledQuery, createQueryId, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_OPERATOR } from '../../src/access/access-scope.js';
import { EventQuery, type EventSort } from '../../src/store/event-query.js';
import type { Database } from '../../src/store/open-database.js';
import { ENGINES, type EngineCase } from '../support/engines.js';

const EVENTS = 5_000;

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Index Name'?: string;
  readonly 'Sort Key'?: readonly string[];
  readonly 'Presorted Key'?: readonly string[];
  readonly Plans?: readonly PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe.each(ENGINES)('the eventDateTime sort index on $name', (engine: EngineCase) => {
  let database: Database & { dispose: () => Promise<void> };
  beforeAll(async () => {
    database = await engine.open();
    // Event times spread over a year in no relation to the order of arrival (seq).
    await sql`insert into event (idempotency_key, event_type, event_type_code, event_classifier_code, event_date_time,
        event_created_date_time, payload, source, source_org, owner_orgs, visibility)
      select 'k' || i, 'EQUIPMENT', 'GTIN', 'ACT',
        timestamptz '2026-01-01T00:00:00Z' + ((i * 7919) % 525600) * interval '1 minute',
        timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second',
        '{"emptyIndicatorCode": "LADEN"}'::jsonb, 'test', case when i % 2 = 0 then 'ets' else 'trap' end,
        array[case when i % 2 = 0 then 'ets' else 'trap' end], case when i % 3 = 0 then 'community' else 'private' end
      from generate_series(1, ${EVENTS}) as i`.execute(database.db);
    await sql`analyze event`.execute(database.db);
  }, 180_000);
  afterAll(async () => {
    await database?.dispose();
  });

  /** The plan of the statement `EventQuery.sorted` sends for this sort, scope and position. */
  async function planOf(sort: EventSort, scope = LOCAL_OPERATOR, after = false): Promise<PlanNode> {
    const sent: RootOperationNode[] = [];
    const capture: KyselyPlugin = {
      transformQuery: ({ node }) => (sent.push(node), node),
      transformResult: ({ result }) => Promise.resolve(result),
    };
    const reader = new EventQuery(database.db.withPlugin(capture), database.horizon);
    const first = await reader.sorted({}, scope, sort, 'after', null, 20);
    expect(first.events).toHaveLength(20);
    if (after) {
      sent.length = 0;
      await reader.sorted({}, scope, sort, 'after', first.last ?? null, 20);
    }
    const select = sent.find(
      (n) =>
        n.kind === 'SelectQueryNode' &&
        JSON.stringify(n, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).includes('sort_keys'),
    );
    if (!select) throw new Error('the reader sent no sorted select');
    const compiled = database.db.getExecutor().compileQuery(select, createQueryId());
    const result = await database.db.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
    );
    const cell = result.rows[0]?.['QUERY PLAN'];
    const json = (typeof cell === 'string' ? JSON.parse(cell) : cell) as [{ Plan: PlanNode }];
    return json[0].Plan;
  }

  it.each([
    ['ascending, first page, seen by the port authority', [{ field: 'eventDateTime', direction: 'ASC' }], false],
    ['ascending, next page after a cursor', [{ field: 'eventDateTime', direction: 'ASC' }], true],
    ['descending, first page', [{ field: 'eventDateTime', direction: 'DESC' }], false],
  ] as const)('should read the %s through event_date_time_sort without sorting the log', async (_, sort, after) => {
    const plan = nodes(await planOf(sort, LOCAL_OPERATOR, after));
    expect(plan.map((n) => n['Index Name'])).toContain('event_date_time_sort');
    // Ascending needs no sort at all; descending at most orders the `seq` tie-break within equal times.
    for (const n of plan.filter((p) => p['Node Type'] === 'Sort')) throw new Error(`full sort: ${JSON.stringify(n)}`);
  });
});

/**
 * Posts fuzz inputs through HTTP (`app.inject`) with bounded concurrency and checks the inbox once per batch,
 * so the checks cost a few queries a batch instead of a few per input. What must hold, whatever the bytes:
 * - no answer is a 5xx;
 * - after processing, no inbox row of the format is left `received` (stuck);
 * - every acknowledged message (2xx, or a 4xx naming its inbox id) is `processed`, `partial`, or `failed`;
 * - no `failed` message lacks an open dead letter saying why;
 * - `/health` answers 200.
 */
import { sql, type Kysely } from 'kysely';
import type { Server } from '../../src/api/build-server.js';
import type { DB } from '../../src/store/schema.js';
import type { FuzzInput } from './fuzz-inputs.js';

/** What the answers to one batch were. */
export interface PostTally {
  inputs: number;
  /** 202 answers (stored, or queued with mode=async). */
  accepted: number;
  /** 207 answers (partly stored). */
  partial: number;
  client: number;
  server: number;
  /** The first few 5xx answers, each with the base64 of the input's first 200 bytes, to reproduce them. */
  readonly serverErrors: string[];
  /** Inbox ids of the acknowledged messages. */
  readonly acknowledged: string[];
  /** Answers that acknowledged a message without giving its inbox id. */
  readonly ackWithoutId: number[];
  rssPeak: number;
}

const KEEP_SERVER_ERRORS = 20;

/** Posts every input to `/ingest/{format}`, `concurrency` at a time. */
export async function postAll(
  server: Server,
  auth: { readonly authorization: string },
  format: string,
  samples: readonly FuzzInput[],
  concurrency: number,
  label = '',
): Promise<PostTally> {
  const tally: PostTally = {
    inputs: 0,
    accepted: 0,
    partial: 0,
    client: 0,
    server: 0,
    serverErrors: [],
    acknowledged: [],
    ackWithoutId: [],
    rssPeak: process.memoryUsage.rss(),
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < samples.length) {
      const i = next++;
      const { body, async } = samples[i]!;
      const res = await server.app.inject({
        method: 'POST',
        url: `/ingest/${format}?mode=${async ? 'async' : 'sync'}`,
        payload: body,
        headers: { ...auth, 'content-type': 'application/octet-stream' },
      });
      tally.inputs++;
      const code = res.statusCode;
      if (code >= 500) {
        tally.server++;
        if (tally.serverErrors.length < KEEP_SERVER_ERRORS) {
          tally.serverErrors.push(
            `${label}#${i} ${code} ${res.body.slice(0, 300)} body=${body.subarray(0, 200).toString('base64')}`,
          );
        }
      } else if (code === 207) tally.partial++;
      else if (code >= 200 && code < 300) tally.accepted++;
      else tally.client++;
      let inboxId: unknown;
      try {
        inboxId = res.json<{ inboxId?: unknown }>().inboxId;
      } catch {
        inboxId = undefined;
      }
      if (typeof inboxId === 'string') tally.acknowledged.push(inboxId);
      else if (code < 300) tally.ackWithoutId.push(i);
      tally.rssPeak = Math.max(tally.rssPeak, process.memoryUsage.rss());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return tally;
}

/** The inbox of one format after its batch was drained. */
export interface InboxCheck {
  /** Rows of the format still `received`. */
  readonly stuck: number;
  /** Acknowledged ids that are missing or not in a final state. */
  readonly unsettled: readonly string[];
  /** Rows of the format `failed` without an open dead letter. */
  readonly failedWithoutLetter: number;
  /** Open dead letters of the format (rejections are expected: the inputs are mostly broken). */
  readonly openDeadLetters: number;
  /** Inbox rows of the format. */
  readonly stored: number;
}

const FINAL = new Set(['processed', 'partial', 'failed']);

/** Checks, in four queries, what a drained batch left behind. */
export async function checkInbox(db: Kysely<DB>, format: string, acknowledged: readonly string[]): Promise<InboxCheck> {
  const { rows: counts } = await sql<{ stuck: string; stored: string; failed_without_letter: string; open: string }>`
    select count(*) filter (where i.status = 'received') as stuck,
           count(*) as stored,
           count(*) filter (where i.status = 'failed' and not exists (
             select 1 from dead_letter d where d.inbox_id = i.id and d.status = 'open')) as failed_without_letter,
           (select count(*) from dead_letter d where d.format = ${format} and d.status = 'open') as open
      from inbox i where i.format = ${format}`.execute(db);
  const unsettled: string[] = [];
  const ids = [...new Set(acknowledged)];
  for (let at = 0; at < ids.length; at += 1000) {
    const chunk = ids.slice(at, at + 1000);
    const rows = await db.selectFrom('inbox').select(['id', 'status']).where('id', 'in', chunk).execute();
    const status = new Map(rows.map((r) => [String(r.id), r.status]));
    for (const id of chunk) if (!FINAL.has(status.get(id) ?? 'missing')) unsettled.push(id);
  }
  const row = counts[0]!;
  return {
    stuck: Number(row.stuck),
    unsettled,
    failedWithoutLetter: Number(row.failed_without_letter),
    openDeadLetters: Number(row.open),
    stored: Number(row.stored),
  };
}

/** `/health` answers 200. */
export async function healthy(server: Server): Promise<boolean> {
  return (await server.app.inject('/health')).statusCode === 200;
}

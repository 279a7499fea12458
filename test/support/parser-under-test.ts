import type { MessageParser, ParseContext, ParseResult } from '../../src/ingest/message-parser.js';
import type { SimMessage } from '../../src/sim/sim-message.js';
import { fixture } from './fixtures.js';

/**
 * What a test states about the message: when it came and from whom. The zone defaults to the port's own (Los
 * Angeles), the inbox id to one named after the format (parsers only pass it through).
 */
export type TestParseContext = Omit<ParseContext, 'timeZone' | 'inboxId'> & {
  readonly timeZone?: string;
  readonly inboxId?: string;
};

/**
 * A parser with the context its tests parse in: `parse` takes text or bytes as a test writes them, `parseFixture`
 * a file under test/fixtures/.
 */
export function parserUnderTest(parser: MessageParser, context: TestParseContext) {
  const ctx: ParseContext = { inboxId: `inbox-${parser.format}`, timeZone: 'America/Los_Angeles', ...context };
  const parse = (body: Uint8Array | string): ParseResult =>
    parser.parse(typeof body === 'string' ? new TextEncoder().encode(body) : body, ctx);
  const parseFixture = (path: string): ParseResult => parse(fixture(path));
  return { ctx, parse, parseFixture };
}

/**
 * A simulated message parsed as the product would receive it: sent by its party's organisation at its simulated
 * instant, times in UTC as the simulator writes them; `index` names the inbox row.
 */
export function parseSimMessage(
  parser: MessageParser,
  message: Pick<SimMessage, 'body' | 'atMs' | 'party'>,
  index: number,
): ParseResult {
  return parser.parse(new TextEncoder().encode(message.body), {
    inboxId: `sim-${index}`,
    receivedAt: new Date(message.atMs).toISOString(),
    sourceOrg: message.party.code.toLowerCase(),
    timeZone: 'UTC',
  });
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { INCOMPLETE_WAIT_MS, LineBatcher } from '../../src/ingest/transports/line-batcher.js';
import { endsNmeaMessage } from '../../src/ingest/transports/nmea-message-boundary.js';
import { backoffDelayMs } from '../../src/ingest/transports/reconnect-backoff.js';

const single = (n: number) => `!AIVDM,1,1,,A,13HOI:0P0000VOHLCnHQKwvL05Ip,0*2${n}`;
const part1 = '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C';
const part2 = '!AIVDM,2,2,1,A,88888888880,2*25';

function collecting() {
  const batches: string[][] = [];
  return { batches, sink: async (lines: readonly string[]) => void batches.push([...lines]) };
}

describe('NMEA message boundaries', () => {
  it('should not cut between the fragments of a message, after a $PGHP line or after a type 24 part A', () => {
    expect(endsNmeaMessage(part1)).toBe(false);
    expect(endsNmeaMessage(part2)).toBe(true);
    expect(endsNmeaMessage(`\\c:1641168000*5A\\${part1}`)).toBe(false);
    expect(endsNmeaMessage('$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17')).toBe(false);
    expect(endsNmeaMessage('!AIVDM,1,1,,B,H3`u5VA=VliDp@D000000000000,2*35')).toBe(false); // 24 A
    expect(endsNmeaMessage('!AIVDM,1,1,,B,H3`u5VDT47I4dcD@8olnh01P0030,0*2A')).toBe(true); // 24 B
    expect(endsNmeaMessage(single(3))).toBe(true);
    expect(endsNmeaMessage('# a comment')).toBe(true);
  });
});

describe('LineBatcher', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should cut batches of the configured size, moving a split message whole into the batch it started', async () => {
    const { batches, sink } = collecting();
    const batcher = new LineBatcher(sink, { maxLines: 3, maxDelayMs: 60_000 });
    await batcher.push(`${single(1)}\n${single(2)}\n${part1}\n${part2}\n${single(4)}\n`);
    await batcher.end({ keepPartial: true });
    expect(batches).toEqual([[single(1), single(2), part1, part2], [single(4)]]);
  });

  it('should join lines split across chunks and strip CR, and drop the truncated line of a cut connection', async () => {
    const { batches, sink } = collecting();
    const batcher = new LineBatcher(sink, { maxLines: 10 });
    const text = `${single(1)}\r\n${single(2)}\r\n${single(3)}`;
    for (let i = 0; i < text.length; i += 7) await batcher.push(Buffer.from(text.slice(i, i + 7)));
    await batcher.end({ keepPartial: false });
    expect(batches).toEqual([[single(1), single(2)]]);
    expect(batcher.stats.droppedBytes).toBe(single(3).length);
  });

  it('should hand over a partial batch after the delay, keeping a trailing incomplete message two periods more', async () => {
    vi.useFakeTimers();
    const { batches, sink } = collecting();
    const batcher = new LineBatcher(sink, { maxLines: 1000, maxDelayMs: 1000 });
    void batcher.push(`${single(1)}\n${part1}\n`);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches).toEqual([[single(1)]]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches).toEqual([[single(1)]]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches).toEqual([[single(1)], [part1]]);
  });

  it('should keep a message whole when its last fragment comes after a short delay has passed', async () => {
    // A feed cut every 50 ms (the replay's) on a busy event loop: the second fragment is read 400 ms after the first.
    vi.useFakeTimers();
    const { batches, sink } = collecting();
    const batcher = new LineBatcher(sink, { maxLines: 2000, maxDelayMs: 50 });
    void batcher.push(`${single(1)}\n${part1}\n`);
    await vi.advanceTimersByTimeAsync(60);
    expect(batches).toEqual([[single(1)]]);
    await vi.advanceTimersByTimeAsync(400);
    void batcher.push(`${part2}\n`);
    await vi.advanceTimersByTimeAsync(60);
    expect(batches).toEqual([[single(1)], [part1, part2]]);
    // A fragment whose successor never comes still goes, after INCOMPLETE_WAIT_MS more: kept raw, not lost.
    void batcher.push(`${part1}\n`);
    await vi.advanceTimersByTimeAsync(50 + INCOMPLETE_WAIT_MS - 10);
    expect(batches).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(20);
    expect(batches).toEqual([[single(1)], [part1, part2], [part1]]);
  });

  it('should retry a batch the sink failed to store, in order, and count what it gave up', async () => {
    vi.useFakeTimers();
    const stored: string[][] = [];
    let failures = 1;
    const batcher = new LineBatcher(
      async (lines) => {
        if (failures-- > 0) throw new Error('database unavailable');
        stored.push([...lines]);
      },
      { maxLines: 1 },
    );
    void batcher.push(`${single(1)}\n${single(2)}\n`);
    await vi.runAllTimersAsync();
    expect(stored).toEqual([[single(1)], [single(2)]]);
    expect(batcher.stats.lostLines).toBe(0);
  });
});

describe('reconnect backoff', () => {
  it('should double from the base delay up to the cap, with at most half of it random', () => {
    const at = (attempt: number, r: number) => backoffDelayMs(attempt, { baseMs: 500, capMs: 30_000 }, () => r);
    expect([0, 1, 2, 3].map((a) => at(a, 1))).toEqual([500, 1000, 2000, 4000]);
    expect(at(3, 0)).toBe(2000);
    expect(at(20, 1)).toBe(30_000);
    expect(at(1000, 0.5)).toBe(22_500);
  });
});

import { describe, expect, it } from 'vitest';
import { parseSse } from './live-stream';

// Parsing as WHATWG HTML "Server-sent events" §9.2.6 (interpreting an event stream) specifies it.
describe('parseSse', () => {
  it('should split complete messages, keep the unfinished rest and skip comments and retry lines', () => {
    const { messages, rest } = parseSse('retry: 2000\n\n: heartbeat\n\nevent: vessels\ndata: {"a":1}\n\nevent: ves');
    expect(messages).toEqual([{ event: 'vessels', data: '{"a":1}' }]);
    expect(rest).toBe('event: ves');
  });

  it('should join multi-line data with newlines, accept CRLF, and name a message without event "message"', () => {
    const { messages } = parseSse('data: first\r\ndata:second\r\n\r\n');
    expect(messages).toEqual([{ event: 'message', data: 'first\nsecond' }]);
  });

  it('should give nothing for an empty buffer or one without a blank line', () => {
    expect(parseSse('')).toEqual({ messages: [], rest: '' });
    expect(parseSse('data: x')).toEqual({ messages: [], rest: 'data: x' });
  });
});

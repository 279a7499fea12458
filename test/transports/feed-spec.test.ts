import { describe, expect, it } from 'vitest';
import { parseFeedSpec } from '../../src/ingest/transports/feed-spec.js';

describe('feed specs', () => {
  it('should read host:port for TCP and [host:]port for UDP', () => {
    expect(parseFeedSpec('tcp', 'ais.example.org:5631')).toEqual({
      ok: true,
      spec: { kind: 'tcp', host: 'ais.example.org', port: 5631 },
    });
    expect(parseFeedSpec('tcp', '[::1]:10110')).toEqual({ ok: true, spec: { kind: 'tcp', host: '::1', port: 10110 } });
    expect(parseFeedSpec('udp', '10110')).toEqual({ ok: true, spec: { kind: 'udp', host: '0.0.0.0', port: 10110 } });
    expect(parseFeedSpec('file', '-')).toEqual({ ok: true, spec: { kind: 'file', path: '-' } });
  });

  it('should refuse a TCP feed without a port, a port out of range and an IPv6 address without brackets', () => {
    for (const bad of ['ais.example.org', 'host:0', 'host:65536', '::1:80', ':80']) {
      expect(parseFeedSpec('tcp', bad).ok).toBe(false);
    }
    expect(parseFeedSpec('udp', 'x:y').ok).toBe(false);
  });
});

/**
 * Where an AIS feed comes from, as given on the command line: `--tcp host:port`, `--udp [host:]port`,
 * `--file path|-`. Pure parsing; never throws (returns an error message instead).
 */
export type AisFeedSpec =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'udp'; readonly host: string; readonly port: number }
  | { readonly kind: 'file'; readonly path: string };

export type FeedSpecResult =
  { readonly ok: true; readonly spec: AisFeedSpec } | { readonly ok: false; readonly error: string };

function portOf(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65_535 ? port : null;
}

/** `host:port`, `[v6addr]:port`; for UDP the host may be left out (all interfaces). */
function hostPort(text: string, hostOptional: boolean): { host: string; port: number } | null {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracketed) {
    const port = portOf(bracketed[2]!);
    return port === null ? null : { host: bracketed[1]!, port };
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0) {
    const port = hostOptional ? portOf(text) : null;
    return port === null ? null : { host: '0.0.0.0', port };
  }
  const host = text.slice(0, colon);
  const port = portOf(text.slice(colon + 1));
  if (port === null || host === '' || host.includes(':')) return null;
  return { host, port };
}

export function parseFeedSpec(kind: AisFeedSpec['kind'], value: string): FeedSpecResult {
  switch (kind) {
    case 'tcp': {
      const target = hostPort(value, false);
      if (!target || target.port === 0) return { ok: false, error: `--tcp wants host:port, got "${value}"` };
      return { ok: true, spec: { kind, ...target } };
    }
    case 'udp': {
      const target = hostPort(value, true);
      if (!target) return { ok: false, error: `--udp wants [host:]port, got "${value}"` };
      return { ok: true, spec: { kind, ...target } };
    }
    case 'file':
      return value === ''
        ? { ok: false, error: '--file wants a path or -' }
        : { ok: true, spec: { kind, path: value } };
  }
}

/** A label for logs and inbox metadata: `tcp:host:port`, `udp:host:port`, `file:path`. */
export function describeFeed(spec: AisFeedSpec): string {
  return spec.kind === 'file' ? `file:${spec.path}` : `${spec.kind}:${spec.host}:${spec.port}`;
}

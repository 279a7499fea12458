/**
 * The IPv4 addresses an IPv6 address carries, so that an address policy judges `::ffff:7f00:1` as
 * 127.0.0.1 and not as some IPv6 address it has no rule for. Forms (RFC 4291 §2.5.5, RFC 6052, RFC 6145,
 * RFC 3056, RFC 4380): IPv4-mapped `::ffff:0:0/96`, IPv4-translated `::ffff:0:0:0/96`, IPv4-compatible
 * `::/96`, NAT64 well-known prefix `64:ff9b::/96`, 6to4 `2002::/16` (bits 16–47), Teredo `2001::/32`
 * (server in bits 32–63, client in the last 32 bits, inverted). Pure: no I/O.
 */
import { isIPv6 } from 'node:net';

/** The 16 bytes of an IPv6 address (`isIPv6` true; a zone `%eth0` is ignored), else null. */
export function ipv6Bytes(address: string): Uint8Array | null {
  const text = address.split('%')[0] ?? '';
  if (!isIPv6(text)) return null;
  let head = text;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    head = `${dotted[1]}`;
    const octets = (dotted[2] ?? '').split('.').map(Number);
    tail.push(((octets[0] ?? 0) << 8) | (octets[1] ?? 0), ((octets[2] ?? 0) << 8) | (octets[3] ?? 0));
    // "::1.2.3.4" leaves "::"; "64:ff9b::1.2.3.4" leaves "64:ff9b::"; "::ffff:1.2.3.4" leaves "::ffff:".
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left = '', right] = head.split('::') as [string, string | undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const before = groups(left);
  const after = [...(right === undefined ? [] : groups(right)), ...tail];
  const fill = right === undefined ? 0 : 8 - before.length - after.length;
  const words = right === undefined ? [...before, ...tail] : [...before, ...new Array<number>(fill).fill(0), ...after];
  if (words.length !== 8) return null;
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}

const v4 = (b: Uint8Array, at: number, invert = 0) =>
  [0, 1, 2, 3].map((i) => ((b[at + i] ?? 0) ^ invert).toString()).join('.');
const zero = (b: Uint8Array, from: number, to: number) => b.slice(from, to).every((x) => x === 0);

/** The IPv4 addresses embedded in an IPv6 address (none for an ordinary one). */
export function embeddedIpv4(address: string): string[] {
  const b = ipv6Bytes(address);
  if (!b) return [];
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible; also :: and ::1, judged as 0.0.0.0 and 0.0.0.1).
  if (zero(b, 0, 10) && ((b[10] === 0xff && b[11] === 0xff) || (b[10] === 0 && b[11] === 0))) return [v4(b, 12)];
  // ::ffff:0:a.b.c.d (translated, SIIT).
  if (zero(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && zero(b, 10, 12)) return [v4(b, 12)];
  // 64:ff9b::a.b.c.d (NAT64 well-known prefix).
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(b, 4, 12)) return [v4(b, 12)];
  // 2002:aabb:ccdd::/48 (6to4).
  if (b[0] === 0x20 && b[1] === 0x02) return [v4(b, 2)];
  // 2001:0000:<server>:<flags>:<port>:<client XOR ffffffff> (Teredo).
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) return [v4(b, 4), v4(b, 12, 0xff)];
  return [];
}

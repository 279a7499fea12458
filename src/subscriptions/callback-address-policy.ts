/**
 * Where webhook callbacks may go. Any member organisation may register a callback URL, and the server then
 * POSTs to it from inside the port's network: without a rule, a subscription could make openpcs call its own
 * admin ports, the cloud metadata service or any host on the private network (server-side request forgery).
 * Callbacks to loopback, private, link-local, shared (CGNAT), multicast and reserved addresses are refused,
 * both when the subscription is created and before every delivery (a name may resolve elsewhere later),
 * except for networks the operator allows (`OPENPCS_CALLBACK_ALLOW_NETWORKS`, e.g. an in-house receiver).
 * An IPv6 address that carries an IPv4 address (mapped, compatible, translated, NAT64, 6to4, Teredo:
 * `embedded-ipv4.ts`) is judged by the IPv4 address it carries, since that is where it leads; IPv4 literals
 * in any spelling (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.0.0.1.`) are judged after the WHATWG URL
 * parser has normalised them, and a trailing dot of a name (`localhost.`) is dropped before the check.
 *
 * The delivery connects through `connectLookup()`: the addresses checked are the addresses connected to, so a
 * name whose DNS answer changes between a check and the connection (DNS rebinding) cannot slip through.
 */
import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { parseCidr } from '../config/cidr.js';
import { embeddedIpv4 } from './embedded-ipv4.js';

const REFUSED_V4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (CGNAT)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const REFUSED_V6: readonly [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['fec0::', 10], // site-local (deprecated, still private)
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215): translates into the operator's own IPv4 network
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
];

export type AddressLookup = (hostname: string) => Promise<readonly string[]>;

const systemLookup: AddressLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export class CallbackAddressPolicy {
  readonly #refused = new BlockList();
  readonly #allowed = new BlockList();

  /** `allowNetworks`: CIDRs (`10.20.0.0/16`, `127.0.0.1/32`, `fd00::/8`) allowed although refused above. */
  constructor(
    readonly allowNetworks: readonly string[] = [],
    private readonly lookup: AddressLookup = systemLookup,
  ) {
    for (const [net, prefix] of REFUSED_V4) this.#refused.addSubnet(net, prefix, 'ipv4');
    for (const [net, prefix] of REFUSED_V6) this.#refused.addSubnet(net, prefix, 'ipv6');
    for (const cidr of allowNetworks) {
      const { address, prefix, family } = parseCidr(cidr);
      this.#allowed.addSubnet(address, prefix, family);
    }
  }

  /** Whether a callback may connect to this IP address. */
  allows(ip: string): boolean {
    const version = isIP(ip);
    if (version === 0) return false;
    const family = version === 6 ? 'ipv6' : 'ipv4';
    if (this.#allowed.check(ip, family)) return true;
    if (this.#refused.check(ip, family)) return false;
    // An IPv6 address carrying IPv4 addresses (::ffff:7f00:1, 64:ff9b::a9fe:a9fe, 2002:c0a8:101::) leads there.
    return family === 'ipv4' || embeddedIpv4(ip).every((v4) => this.allows(v4));
  }

  /**
   * Why a callback URL may not be called now, or null when it may. A name that does not resolve is not refused
   * here (the delivery fails, and is retried, like any unreachable receiver).
   */
  async refusal(url: URL): Promise<string | null> {
    const host = hostOf(url);
    let addresses: readonly string[];
    try {
      addresses = await this.#addressesOf(host);
    } catch {
      return null;
    }
    return this.#refusalOf(host, addresses);
  }

  /**
   * Why a callback URL whose host is an IP address may not be called; null for a name (a name is judged when
   * the request connects, by `connectLookup`). No DNS: this is the check before each delivery.
   */
  literalRefusal(url: URL): string | null {
    const host = hostOf(url);
    return isIP(host) === 0 ? null : this.#refusalOf(host, [host]);
  }

  /**
   * A `lookup` for `http.request`/`net.connect` that resolves like the system and fails (code
   * `ECALLBACKREFUSED`, the reason as message) for a name with any refused address, so the connection goes only
   * to addresses this policy allows. IP literals never reach a lookup: `literalRefusal()` judges those.
   */
  connectLookup(): LookupFunction {
    return (hostname, options, callback) => {
      this.#addressesOf(hostname).then(
        (addresses) => {
          const refusal = this.#refusalOf(hostname, addresses);
          const found: LookupAddress[] = addresses
            .map((address) => ({ address, family: isIP(address) }))
            .filter((a) => !options.family || a.family === options.family);
          if (refusal !== null || found.length === 0) {
            const error: NodeJS.ErrnoException = new Error(refusal ?? `no address of ${hostname} to connect to`);
            error.code = refusal !== null ? 'ECALLBACKREFUSED' : 'ENOTFOUND';
            callback(error, '', 0);
          } else if (options.all) {
            callback(null, found);
          } else {
            callback(null, found[0]!.address, found[0]!.family);
          }
        },
        (error: NodeJS.ErrnoException) => callback(error, '', 0),
      );
    };
  }

  async #addressesOf(host: string): Promise<readonly string[]> {
    if (isIP(host) !== 0) return [host];
    // Loopback by definition (RFC 6761), whatever the resolver says.
    if (host === 'localhost' || host.endsWith('.localhost')) return ['127.0.0.1', '::1'];
    return this.lookup(host);
  }

  #refusalOf(host: string, addresses: readonly string[]): string | null {
    const refused = addresses.filter((a) => !this.allows(a));
    if (refused.length === 0) return null;
    return `${host} is ${isIP(host) === 0 ? `resolved to ${refused.join(', ')}, ` : ''}a loopback, private or reserved address; allow its network with OPENPCS_CALLBACK_ALLOW_NETWORKS`;
  }
}

/** The URL's host without the brackets of an IPv6 literal or the trailing dot of a fully qualified name. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

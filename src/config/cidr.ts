/**
 * A network in CIDR notation, as configured in `OPENPCS_CALLBACK_ALLOW_NETWORKS`: checked when the
 * environment is read (`env.ts`) and turned into an address block list by the callback address policy.
 */
import { isIP } from 'node:net';

export interface Cidr {
  readonly address: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

/** `a.b.c.d/n` or `v6::/n` (a bare address is a /32 or /128). */
export function parseCidr(text: string): Cidr {
  const [address = '', prefixText] = text.trim().split('/');
  const version = isIP(address);
  if (version === 0) throw new Error(`not a network: "${text}" (write e.g. 10.20.0.0/16)`);
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new Error(`bad prefix length in "${text}"`);
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

import ipaddr from 'ipaddr.js';
import { UsageError } from '../errors.ts';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Ranges an operator let through (VIGIL_FETCH_ALLOW), e.g. 127.0.0.0/8 for tests against local servers. */
export type AllowList = readonly [Address, number][];

/** The ipaddr.js ranges a user-supplied URL may reach: ordinary public unicast only. */
const PUBLIC_RANGES = new Set(['unicast']);

/** `127.0.0.0/8, ::1/128` -> ranges; a bad entry is a UsageError naming it. */
export function parseAllowList(text: string | undefined, from = 'VIGIL_FETCH_ALLOW'): AllowList {
  if (!text?.trim()) return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((cidr) => {
      try {
        const [addr, bits] = cidr.includes('/')
          ? ipaddr.parseCIDR(cidr)
          : [ipaddr.parse(cidr), ipaddr.parse(cidr).kind() === 'ipv4' ? 32 : 128];
        return [addr.kind() === 'ipv6' ? unmap(addr as ipaddr.IPv6) : addr, bits] as [Address, number];
      } catch {
        throw new UsageError(`${from}: "${cidr}" is not an address range such as 127.0.0.0/8`, cidr);
      }
    });
}

function unmap(a: ipaddr.IPv6): Address {
  return a.isIPv4MappedAddress() ? a.toIPv4Address() : a;
}

/**
 * Why this address may not be fetched (loopback, private, link-local, unique-local, multicast, ...),
 * or undefined when it is public or inside an allowed range. IPv4-mapped IPv6 is judged as IPv4.
 */
export function refusalReason(ip: string, allow: AllowList): string | undefined {
  let addr: Address;
  try {
    addr = ipaddr.process(ip);
  } catch {
    return `"${ip}" is not an IP address`;
  }
  for (const [range, bits] of allow) if (addr.kind() === range.kind() && addr.match(range, bits)) return undefined;
  const range = addr.range();
  if (PUBLIC_RANGES.has(range)) return undefined;
  return `${ip} is a ${range} address (allow it with VIGIL_FETCH_ALLOW)`;
}

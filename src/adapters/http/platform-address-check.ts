import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { PlatformAddressCheck } from '../../domain/ports/platform-address-check.js';

/**
 * Addresses that are not the public internet (IANA special-purpose registries, RFC 6890). IPv4-mapped
 * IPv6 (::ffff:0:0/96) is not listed: BlockList would then match every IPv4 address against it.
 */
const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv6');
}

const isPublic = (address: string): boolean => {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped === undefined ? !nonPublic.check(address, family) : !nonPublic.check(mapped, 'ipv4');
};

/**
 * Production: a platform URL must resolve to public addresses only, every one of them (a name that
 * resolves to one public and one private address is refused). Checked when the connection is made.
 */
export const publicAddressesOnly: PlatformAddressCheck = {
  async refusal(url) {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    try {
      addresses =
        isIP(host) !== 0 ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
    } catch {
      return `the host ${host} cannot be resolved`;
    }
    const blocked = addresses.find((address) => !isPublic(address));
    return blocked === undefined
      ? undefined
      : `the host ${host} is a private, local or reserved address (${blocked}); shops must be reachable on the internet`;
  },
};

/** Development and tests, where the shops are local stand-ins. */
export const anyAddress: PlatformAddressCheck = { refusal: async () => undefined };

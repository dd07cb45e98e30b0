import { isIP } from 'node:net';

/**
 * The network an address belongs to, as a canonical text: the first 24 bits of an IPv4
 * address (`4:198.51.100`) or the first 48 of an IPv6 one (`6:20010db80000`). Compared as
 * numbers, not as text: `2001:db8:0:1::5`, `2001:0db8::1:5` and `2001:db8:0:ffff::1` are one
 * /48. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is its IPv4 address; a zone id
 * (`fe80::1%eth0`) and brackets are dropped. Anything that is not an address is its own
 * range (`?:` and the text), so garbage never shares a budget with a real network.
 */
export function addressRange(address: string): string {
  const bytes = addressBytes(address);
  if (!bytes) return `?:${address}`;
  if (isMappedIPv4(bytes)) return `4:${bytes[12]}.${bytes[13]}.${bytes[14]}`;
  let hex = '6:';
  for (let i = 0; i < 6; i++) hex += bytes[i]!.toString(16).padStart(2, '0');
  return hex;
}

/** The address as 16 bytes (IPv4 as IPv4-mapped IPv6), or null when it is not an address. */
export function addressBytes(address: string): Uint8Array | null {
  let a = address.trim();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const kind = isIP(a);
  if (kind === 4) {
    const out = new Uint8Array(16);
    out[10] = 0xff;
    out[11] = 0xff;
    a.split('.').forEach((part, i) => (out[12 + i] = Number(part)));
    return out;
  }
  if (kind !== 6) return null;
  return ipv6Bytes(a);
}

/** 16 bytes of an IPv6 address `isIP` accepted (with `::` and a dotted IPv4 tail allowed). */
function ipv6Bytes(a: string): Uint8Array {
  const groups = (side: string): number[] => {
    if (side === '') return [];
    const out: number[] = [];
    for (const part of side.split(':')) {
      if (part.includes('.')) {
        const [w, x, y, z] = part.split('.').map(Number) as [number, number, number, number];
        out.push((w << 8) | x, (y << 8) | z);
      } else {
        out.push(parseInt(part, 16));
      }
    }
    return out;
  };
  const gap = a.indexOf('::');
  const head = groups(gap >= 0 ? a.slice(0, gap) : a);
  const tail = gap >= 0 ? groups(a.slice(gap + 2)) : [];
  const all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

export const isMappedIPv4 = (b: Uint8Array) => b[10] === 0xff && b[11] === 0xff && b.subarray(0, 10).every((x) => x === 0);

import { describe, expect, it } from 'vitest';
import { addressBytes, addressRange } from './address-range';

describe('addressRange', () => {
  it('compares IPv6 as bits: every spelling of one /48 is one range', () => {
    const one = addressRange('2001:db8:0:1::5');
    for (const a of ['2001:db8::1:5', '2001:0db8:0000:0001::9', '2001:DB8:0:ffff::1', '[2001:db8::7]', '2001:db8::1%eth0', '2001:db8:0:0:0:0:0:1']) {
      expect(addressRange(a), a).toBe(one);
    }
    expect(one).toBe('6:20010db80000');
    expect(addressRange('2001:db8:1::5')).not.toBe(one);
    expect(addressRange('2001:db9::5')).not.toBe(one);
  });

  it('takes the /24 of IPv4, also when written as IPv4-mapped IPv6', () => {
    expect(addressRange('198.51.100.7')).toBe('4:198.51.100');
    expect(addressRange('::ffff:198.51.100.200')).toBe('4:198.51.100');
    expect(addressRange('::FFFF:198.51.100.9')).toBe('4:198.51.100');
    expect(addressRange('198.51.101.7')).not.toBe(addressRange('198.51.100.7'));
    // Not mapped: an IPv6 address whose last 32 bits are written dotted.
    expect(addressRange('64:ff9b::198.51.100.7')).toBe('6:0064ff9b0000');
  });

  it('parses "::" anywhere and a dotted tail into 16 bytes', () => {
    expect([...addressBytes('::')!]).toEqual(new Array(16).fill(0));
    expect([...addressBytes('::1')!]).toEqual([...new Array(15).fill(0), 1]);
    expect([...addressBytes('1::')!]).toEqual([0, 1, ...new Array(14).fill(0)]);
    expect([...addressBytes('1:2:3:4:5:6:7:8')!]).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect([...addressBytes('::ffff:1.2.3.4')!]).toEqual([...new Array(10).fill(0), 255, 255, 1, 2, 3, 4]);
    expect([...addressBytes('1.2.3.4')!]).toEqual([...new Array(10).fill(0), 255, 255, 1, 2, 3, 4]);
  });

  it('keeps anything that is not an address apart from every network', () => {
    expect(addressBytes('')).toBeNull();
    expect(addressBytes('198.51.100')).toBeNull();
    expect(addressBytes('2001:db8::1::2')).toBeNull();
    expect(addressRange('not an address')).toBe('?:not an address');
    expect(addressRange('198.51.100.300')).not.toBe(addressRange('198.51.100.3'));
  });
});

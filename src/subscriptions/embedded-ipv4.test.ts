import { describe, expect, it } from 'vitest';
import { embeddedIpv4, ipv6Bytes } from './embedded-ipv4.js';

describe('embeddedIpv4', () => {
  it('should find the IPv4 address in every embedding form, hex or dotted', () => {
    expect(embeddedIpv4('::ffff:127.0.0.1')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('::ffff:7f00:1')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('0:0:0:0:0:ffff:a9fe:a9fe')).toEqual(['169.254.169.254']);
    expect(embeddedIpv4('::127.0.0.1')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('::7f00:1')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('::ffff:0:a00:1')).toEqual(['10.0.0.1']);
    expect(embeddedIpv4('64:ff9b::127.0.0.1')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('64:ff9b::a9fe:a9fe')).toEqual(['169.254.169.254']);
    expect(embeddedIpv4('2002:c0a8:0101::1')).toEqual(['192.168.1.1']);
    expect(embeddedIpv4('2002:7f00:1::')).toEqual(['127.0.0.1']);
    // Teredo: server 65.54.227.120, client 127.0.0.1 (stored inverted: 80ff:fffe).
    expect(embeddedIpv4('2001:0:4136:e378:8000:63bf:80ff:fffe')).toEqual(['65.54.227.120', '127.0.0.1']);
    expect(embeddedIpv4('::1')).toEqual(['0.0.0.1']);
    expect(embeddedIpv4('::')).toEqual(['0.0.0.0']);
  });

  it('should find none in an ordinary IPv6 address or a non-address', () => {
    expect(embeddedIpv4('2606:2800:220:1:248:1893:25c8:1946')).toEqual([]);
    expect(embeddedIpv4('fe80::1%eth0')).toEqual([]);
    expect(embeddedIpv4('64:ff9b:1::1')).toEqual([]);
    expect(embeddedIpv4('127.0.0.1')).toEqual([]);
    expect(ipv6Bytes('not an address')).toBeNull();
  });

  it('should expand every IPv6 spelling to the same bytes', () => {
    const full = [...ipv6Bytes('2001:db8:0:0:0:0:0:1')!];
    expect([...ipv6Bytes('2001:db8::1')!]).toEqual(full);
    expect([...ipv6Bytes('2001:DB8::0:1')!]).toEqual(full);
    expect([...ipv6Bytes('::ffff:1.2.3.4')!]).toEqual([...ipv6Bytes('0:0:0:0:0:ffff:102:304')!]);
    expect([...ipv6Bytes('1:2:3:4:5:6:1.2.3.4')!]).toEqual([...ipv6Bytes('1:2:3:4:5:6:102:304')!]);
  });
});

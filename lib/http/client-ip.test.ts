import { describe, expect, it } from "vitest";
import { clientIp, normaliseIp, parseTrustedProxies } from "./client-ip";

const none = parseTrustedProxies(undefined);
const local = parseTrustedProxies("127.0.0.1");
const office = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, fd00::/8");

describe("clientIp", () => {
  it.each([
    // [label, X-Forwarded-For, socket peer, trusted, client]
    ["no proxy trusted: the socket peer, whatever the header says", "6.6.6.6", "203.0.113.7", none, "203.0.113.7"],
    ["no proxy trusted: a header naming a trusted-looking address changes nothing", "127.0.0.1", "203.0.113.7", none, "203.0.113.7"],
    ["no header, no proxy", null, "203.0.113.7", none, "203.0.113.7"],
    ["an empty header", "", "203.0.113.7", none, "203.0.113.7"],
    ["an untrusted peer's header is ignored even when trusted proxies are set", "198.51.100.1", "203.0.113.7", office, "203.0.113.7"],
    ["a trusted proxy's entry is the client", "198.51.100.1", "127.0.0.1", local, "198.51.100.1"],
    ["spoofed entries left of the proxy's are ignored", "6.6.6.6, 7.7.7.7, 198.51.100.1", "127.0.0.1", local, "198.51.100.1"],
    ["a spoofed trusted address left of the client stops nothing", "10.0.0.1, 198.51.100.1", "127.0.0.1", office, "198.51.100.1"],
    ["a chain of trusted proxies is walked", "198.51.100.1, 10.1.2.3, 10.9.9.9", "127.0.0.1", office, "198.51.100.1"],
    ["every hop trusted: the left-most", "10.1.2.3, 10.9.9.9", "127.0.0.1", office, "10.1.2.3"],
    ["a trusted proxy with no header is the client", null, "127.0.0.1", local, "127.0.0.1"],
    ["a trusted proxy with an empty header is the client", "", "127.0.0.1", local, "127.0.0.1"],
    ["garbage stops the walk at the last readable proxy", "<b>1.2.3.4 (verified office)</b>", "127.0.0.1", local, "127.0.0.1"],
    ["garbage from an untrusted peer is ignored", "<b>1.2.3.4 (verified office)</b>", "203.0.113.7", none, "203.0.113.7"],
    ["garbage left of a good entry is never reached", "<b>1.2.3.4</b>, 198.51.100.1", "127.0.0.1", local, "198.51.100.1"],
    ["an address with a port is not an address", "198.51.100.1:4444", "127.0.0.1", local, "127.0.0.1"],
    ["a shortened IPv4 form is not an address", "127.1", "127.0.0.1", local, "127.0.0.1"],
    ["an IPv4-mapped IPv6 peer is IPv4", null, "::ffff:203.0.113.7", none, "203.0.113.7"],
    ["an IPv4-mapped IPv6 peer matches a trusted IPv4 proxy", "198.51.100.1", "::ffff:127.0.0.1", local, "198.51.100.1"],
    ["an IPv4-mapped IPv6 entry is IPv4", "::ffff:198.51.100.1", "127.0.0.1", local, "198.51.100.1"],
    ["IPv6 in canonical form", "2001:DB8:0:0::1", "127.0.0.1", local, "2001:db8::1"],
    ["an IPv6 proxy range", "2001:db8::1", "fd12::3", office, "2001:db8::1"],
    ["an IPv6 peer outside the ranges", "198.51.100.1", "2001:db8::9", office, "2001:db8::9"],
    ["an IPv6 peer and an IPv4 range do not match", "198.51.100.1", "::1", local, "::1"],
    ["no socket peer: unknown", "198.51.100.1", null, local, null],
    ["a peer that is not an address: unknown", null, "not-an-ip", none, null],
  ])("%s", (_label, forwardedFor, peer, trusted, expected) => {
    expect(clientIp({ forwardedFor, peer, trusted })).toBe(expected);
  });
});

describe("normaliseIp", () => {
  it.each([
    [" 192.0.2.1 ", "192.0.2.1"],
    ["::FFFF:192.0.2.1", "192.0.2.1"],
    ["2001:0db8::0001", "2001:db8::1"],
    ["ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"],
    [`${"0:".repeat(30)}1`, null],
    ["0x7f.0.0.1", null],
    ["3232235777", null],
    ["1.2.3.4 (verified office)", null],
    ["", null],
    [null, null],
  ])("%j → %j", (input, expected) => {
    expect(normaliseIp(input)).toBe(expected);
  });
});

describe("parseTrustedProxies", () => {
  it("reads addresses and ranges, and nothing from empty", () => {
    expect(parseTrustedProxies("")).toEqual([]);
    expect(parseTrustedProxies(" , ")).toEqual([]);
    expect(parseTrustedProxies("127.0.0.1,10.0.0.0/8,::1,fd00::/8").map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual([
      "127.0.0.1/32",
      "10.0.0.0/8",
      "::1/128",
      "fd00::/8",
    ]);
  });

  it.each(["localhost", "10.0.0.0/33", "1.2.3", "10.0.0.0/8/8"])("refuses %j", (value) => {
    expect(() => parseTrustedProxies(value)).toThrow(value);
  });
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  checkWebhookUrl,
  isForbiddenAddress,
  sendWebhookRequest,
  type HostResolver,
  type OutboundResult,
} from "./safe-http-client";

// ---------------------------------------------------------------------------
// helpers

type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

type TestServer = {
  port: number;
  /** TCP connections accepted: the proof that nothing reached the server. */
  connections: number;
  requests: Received[];
  close(): Promise<void>;
};

const servers: TestServer[] = [];

async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void = (_req, res) => res.end("ok"),
): Promise<TestServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      state.requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      handler(req, res, body);
    });
  });
  const state: TestServer = {
    port: 0,
    connections: 0,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on("connection", () => {
    state.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as AddressInfo).port;
  servers.push(state);
  return state;
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const post = (url: string, extra: Partial<Parameters<typeof sendWebhookRequest>[0]> = {}) =>
  sendWebhookRequest({ url, headers: {}, body: "{}", allowPrivate: true, ...extra });

function expectKind<K extends OutboundResult["kind"]>(result: OutboundResult, kind: K): Extract<OutboundResult, { kind: K }> {
  expect(result.kind, JSON.stringify(result)).toBe(kind);
  return result as Extract<OutboundResult, { kind: K }>;
}

/** A resolver that answers from a table, counting calls (no real DNS). */
function tableResolver(table: Record<string, string[] | (() => string[])>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (hostname: string) => {
    calls.push(hostname);
    const entry = table[hostname];
    const addresses = typeof entry === "function" ? entry() : entry;
    if (!addresses) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = "ENOTFOUND";
      throw error;
    }
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(resolver, { calls });
}

// Nothing in this module may write to the console (headers carry signatures).
const consoleSpies: Array<ReturnType<typeof vi.spyOn>> = [];
beforeEach(() => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    consoleSpies.push(vi.spyOn(console, method));
  }
});
afterEach(() => {
  for (const spy of consoleSpies.splice(0)) {
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  }
});

// ---------------------------------------------------------------------------
// isForbiddenAddress

describe("isForbiddenAddress", () => {
  const forbidden: Array<[string, string]> = [
    // IPv4
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback /8"],
    ["10.0.0.1", "private 10/8"],
    ["10.255.255.255", "private 10/8 top"],
    ["172.16.0.1", "private 172.16/12"],
    ["172.31.255.255", "private 172.16/12 top"],
    ["192.168.1.1", "private 192.168/16"],
    ["169.254.169.254", "cloud metadata"],
    ["169.254.0.1", "link-local"],
    ["100.64.0.1", "CGNAT"],
    ["100.127.255.254", "CGNAT top"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast SSDP"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "this network 0/8"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved 240/4"],
    ["192.0.0.1", "IETF protocol assignments"],
    ["192.0.2.1", "TEST-NET-1"],
    ["198.51.100.7", "TEST-NET-2"],
    ["203.0.113.9", "TEST-NET-3"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking top"],
    ["192.88.99.1", "6to4 relay anycast"],
    // odd IPv4 spellings that resolvers and URL parsers accept
    ["2130706433", "127.0.0.1 as one decimal number"],
    ["0x7f000001", "127.0.0.1 as one hex number"],
    ["017700000001", "127.0.0.1 as one octal number"],
    ["0x7f.0.0.1", "hex first octet"],
    ["0177.0.0.1", "octal first octet"],
    ["127.1", "two-part form"],
    ["127.0.1", "three-part form"],
    ["10.1", "10.0.0.1 two-part"],
    ["0xa9.0xfe.0xa9.0xfe", "metadata in hex"],
    ["2852039166", "metadata as one number"],
    // IPv6
    ["::1", "loopback"],
    ["[::1]", "bracketed loopback"],
    ["0:0:0:0:0:0:0:1", "loopback, long form"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local with zone"],
    ["febf::1", "link-local fe80::/10 top"],
    ["fc00::1", "unique-local fc00::/7"],
    ["fd12:3456::1", "unique-local fd"],
    ["fec0::1", "deprecated site-local"],
    ["ff02::1", "multicast"],
    ["ff0e::1", "global multicast"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:7f00:1", "IPv4-mapped loopback, hex"],
    ["[::ffff:127.0.0.1]", "bracketed IPv4-mapped"],
    ["::ffff:10.0.0.1", "IPv4-mapped private"],
    ["::ffff:169.254.169.254", "IPv4-mapped metadata"],
    ["::ffff:0:127.0.0.1", "IPv4-translated (RFC 6145) loopback"],
    ["::127.0.0.1", "IPv4-compatible loopback"],
    ["::7f00:1", "IPv4-compatible loopback, hex"],
    ["64:ff9b::127.0.0.1", "NAT64 loopback"],
    ["64:ff9b::a9fe:a9fe", "NAT64 metadata"],
    ["64:ff9b:1::1", "local-use NAT64 (RFC 8215)"],
    ["2002:7f00:1::1", "6to4 of 127.0.0.1"],
    ["2002:c0a8:101::1", "6to4 of 192.168.1.1"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo, client 127.0.0.1"],
    ["2001:0:a00:1:8000:63bf:f7f7:f7f7", "Teredo, server 10.0.0.1"],
    ["2001:db8::1", "documentation"],
    ["2001:2::1", "benchmarking"],
    ["3fff::1", "documentation (RFC 9637)"],
    ["100::1", "discard"],
    ["4000::1", "outside global unicast 2000::/3"],
    ["5f00::1", "segment routing"],
    // not an address at all: fail closed
    ["", "empty"],
    ["localhost", "a name"],
    ["example.com", "a name"],
    ["256.0.0.1", "out-of-range octet"],
    ["1.2.3.4.5", "five parts"],
    ["08.0.0.1", "invalid octal"],
  ];
  const allowed: Array<[string, string]> = [
    ["8.8.8.8", "Google DNS"],
    ["1.1.1.1", "Cloudflare DNS"],
    ["93.184.216.34", "example.com (historic)"],
    ["172.32.0.1", "just above 172.16/12"],
    ["100.128.0.1", "just above CGNAT"],
    ["11.0.0.1", "just above 10/8"],
    ["134744072", "8.8.8.8 as one number"],
    ["2606:4700:4700::1111", "Cloudflare DNS v6"],
    ["2001:4860:4860::8888", "Google DNS v6"],
    ["[2606:4700:4700::1111]", "bracketed"],
    ["64:ff9b::808:808", "NAT64 of 8.8.8.8"],
    ["2002:808:808::1", "6to4 of 8.8.8.8"],
    ["2001:0:4136:e378:8000:63bf:f7f7:f7f7", "Teredo, public server and client 8.8.8.8"],
  ];

  it("refuses IPv4-mapped IPv6 outright, even for a public IPv4", () => {
    expect(isForbiddenAddress("::ffff:8.8.8.8")).toBe(true);
    expect(isForbiddenAddress("::ffff:0:8.8.8.8")).toBe(true);
  });

  it.each(forbidden)("%s (%s) is forbidden", (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });
  it.each(allowed)("%s (%s) is allowed", (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// checkWebhookUrl

describe("checkWebhookUrl", () => {
  const strict = { allowPrivate: false };
  const longUrl = (length: number) => {
    const base = "https://example.com/";
    return base + "a".repeat(length - base.length);
  };

  const cases: Array<[string, string]> = [
    ["ftp://x", "webhook_url_invalid"],
    ["not a url", "webhook_url_invalid"],
    ["", "webhook_url_invalid"],
    ["javascript:alert(1)", "webhook_url_invalid"],
    ["http://example.com", "webhook_url_not_https"],
    ["https://user:pw@example.com", "webhook_url_invalid"],
    ["https://user@example.com", "webhook_url_invalid"],
    [longUrl(2049), "webhook_url_invalid"],
    ["https://127.0.0.1/", "webhook_url_forbidden"],
    ["https://[::1]/", "webhook_url_forbidden"],
    ["https://[::ffff:127.0.0.1]/", "webhook_url_forbidden"],
    ["https://2130706433/", "webhook_url_forbidden"],
    ["https://0x7f.0.0.1/", "webhook_url_forbidden"],
    ["https://127.1/", "webhook_url_forbidden"],
    ["https://0177.0.0.1/", "webhook_url_forbidden"],
    ["https://169.254.169.254/latest/meta-data/", "webhook_url_forbidden"],
    ["https://[fe80::1]/", "webhook_url_forbidden"],
    ["https://[64:ff9b::7f00:1]/", "webhook_url_forbidden"],
    ["https://localhost/", "webhook_url_forbidden"],
    ["https://localhost:8443/hooks", "webhook_url_forbidden"],
  ];
  // Short names for the report (the 2049-character URL would flood it).
  const named = cases.map(([url, code]) => [url.length > 80 ? `a ${url.length}-character URL` : url, code, url]);
  it.each(named)("%s → %s", async (_name, code, url) => {
    const violation = await checkWebhookUrl(url, strict);
    expect(violation?.code).toBe(code);
    expect(violation?.message).toEqual(expect.any(String));
  });

  it("accepts 2048 characters exactly (public IP literal, no DNS)", async () => {
    const url = "https://8.8.8.8/" + "a".repeat(2048 - "https://8.8.8.8/".length);
    expect(url).toHaveLength(2048);
    expect(await checkWebhookUrl(url, strict)).toBeNull();
  });

  it("accepts public IP literals without DNS", async () => {
    expect(await checkWebhookUrl("https://1.1.1.1/hook", strict)).toBeNull();
    expect(await checkWebhookUrl("https://[2606:4700:4700::1111]:8443/hook", strict)).toBeNull();
  });

  it("accepts a public DNS name (injected resolver: no network here)", async () => {
    const resolver = tableResolver({ "hooks.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"] });
    expect(await checkWebhookUrl("https://hooks.example.com/in", { allowPrivate: false, resolver })).toBeNull();
    expect(resolver.calls).toEqual(["hooks.example.com"]);
  });

  it("refuses a name when any one of its addresses is forbidden", async () => {
    const resolver = tableResolver({ "mixed.example": ["93.184.216.34", "10.0.0.5"] });
    expect((await checkWebhookUrl("https://mixed.example/", { allowPrivate: false, resolver }))?.code).toBe(
      "webhook_url_forbidden",
    );
  });

  it("calls a name that does not resolve invalid", async () => {
    const resolver = tableResolver({});
    expect((await checkWebhookUrl("https://nowhere.example/", { allowPrivate: false, resolver }))?.code).toBe(
      "webhook_url_invalid",
    );
  });

  it("with allowPrivate: accepts localhost and http://127.0.0.1, still refuses the syntax rules", async () => {
    const loose = { allowPrivate: true };
    expect(await checkWebhookUrl("https://localhost/", loose)).toBeNull();
    expect(await checkWebhookUrl("http://127.0.0.1:1234/", loose)).toBeNull();
    expect((await checkWebhookUrl("ftp://x", loose))?.code).toBe("webhook_url_invalid");
    expect((await checkWebhookUrl("http://u:p@127.0.0.1/", loose))?.code).toBe("webhook_url_invalid");
    expect((await checkWebhookUrl(longUrl(2049), loose))?.code).toBe("webhook_url_invalid");
  });
});

// ---------------------------------------------------------------------------
// sendWebhookRequest against local servers (allowPrivate: true)

describe("sendWebhookRequest: outcomes", () => {
  it("POSTs the body and headers and returns a 200 with its body and headers", async () => {
    const server = await startServer((_req, res) => {
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.setHeader("x-receiver", "yes");
      res.end('{"received":true}');
    });
    const result = expectKind(
      await sendWebhookRequest({
        url: `http://127.0.0.1:${server.port}/hook?x=1`,
        headers: { "webhook-id": "msg_1", "webhook-signature": "v1,abc" },
        body: '{"type":"webhook.test"}',
        allowPrivate: true,
      }),
      "response",
    );
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe('{"received":true}');
    expect(result.bodyTruncated).toBe(false);
    expect(result.headers["x-receiver"]).toBe("yes");
    expect(result.headers["set-cookie"]).toBe("a=1, b=2");
    expect(result.durationMs).toBeGreaterThanOrEqual(0);

    expect(server.requests).toHaveLength(1);
    const [received] = server.requests;
    expect(received.method).toBe("POST");
    expect(received.url).toBe("/hook?x=1");
    expect(received.body).toBe('{"type":"webhook.test"}');
    expect(received.headers["content-type"]).toBe("application/json");
    expect(received.headers["webhook-id"]).toBe("msg_1");
    expect(received.headers["webhook-signature"]).toBe("v1,abc");
  });

  it("keeps a caller's content-type", async () => {
    const server = await startServer();
    await post(`http://127.0.0.1:${server.port}/`, { headers: { "Content-Type": "text/plain" }, body: "hi" });
    expect(server.requests[0].headers["content-type"]).toBe("text/plain");
  });

  it("goes through the agent's own lookup for names (localhost, system resolver)", async () => {
    const server = await startServer();
    const result = expectKind(await post(`http://localhost:${server.port}/`), "response");
    expect(result.statusCode).toBe(200);
  });

  it("uses the injected resolver at connect time (a name only it knows)", async () => {
    const server = await startServer();
    const resolver = tableResolver({ "receiver.test": ["127.0.0.1"] });
    const result = expectKind(await post(`http://receiver.test:${server.port}/`, { resolver }), "response");
    expect(result.statusCode).toBe(200);
    expect(resolver.calls).toEqual(["receiver.test"]);
  });

  it("returns a 500 as a response", async () => {
    const server = await startServer((_req, res) => {
      res.statusCode = 500;
      res.end("boom");
    });
    const result = expectKind(await post(`http://127.0.0.1:${server.port}/`), "response");
    expect(result.statusCode).toBe(500);
    expect(result.body).toBe("boom");
  });

  it("does not follow a 302: the redirect target sees nothing", async () => {
    const target = await startServer();
    const redirector = await startServer((_req, res) => {
      res.statusCode = 302;
      res.setHeader("location", `http://127.0.0.1:${target.port}/elsewhere`);
      res.end();
    });
    const result = expectKind(await post(`http://127.0.0.1:${redirector.port}/`), "response");
    expect(result.statusCode).toBe(302);
    expect(result.headers.location).toBe(`http://127.0.0.1:${target.port}/elsewhere`);
    expect(redirector.requests).toHaveLength(1);
    expect(target.connections).toBe(0);
    expect(target.requests).toHaveLength(0);
  });

  it("times out on a server that never answers", async () => {
    const server = await startServer(() => {
      /* never answers */
    });
    const result = expectKind(await post(`http://127.0.0.1:${server.port}/`, { timeoutMs: 300 }), "timeout");
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(3000);
    expect(result.error).toContain("300 ms");
  });

  it("times out on a body that trickles forever (the timeout covers the body)", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => res.write("."), 50);
      res.on("close", () => clearInterval(timer));
    });
    const result = expectKind(
      await post(`http://127.0.0.1:${server.port}/`, { timeoutMs: 400, maxResponseBytes: 1024 * 1024 }),
      "timeout",
    );
    expect(result.durationMs).toBeGreaterThanOrEqual(390);
    expect(result.durationMs).toBeLessThan(3000);
  });

  it("times out while the name is still resolving (the timeout covers connect)", async () => {
    const never: HostResolver = () => new Promise(() => {});
    const result = expectKind(await post("http://stuck.test:9/", { timeoutMs: 300, resolver: never }), "timeout");
    expect(result.durationMs).toBeLessThan(3000);
  });

  it("never delivers a timed-out request late (the connection comes after the deadline)", async () => {
    const server = await startServer();
    const slow: HostResolver = () =>
      new Promise((resolve) => setTimeout(() => resolve([{ address: "127.0.0.1", family: 4 }]), 400));
    expectKind(await post(`http://slow.test:${server.port}/`, { timeoutMs: 150, resolver: slow }), "timeout");
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(server.requests).toHaveLength(0);
  });

  it("reports a closed port as unreachable", async () => {
    const port = await closedPort();
    const result = expectKind(await post(`http://127.0.0.1:${port}/`), "unreachable");
    expect(result.error).toMatch(/ECONNREFUSED/);
    expect(result.error).not.toMatch(/\n\s+at /); // no stack
  });

  it("reports a DNS failure as unreachable", async () => {
    const result = expectKind(await post("https://nowhere.test/", { resolver: tableResolver({}) }), "unreachable");
    expect(result.error).toMatch(/ENOTFOUND/);
  });

  it("reports a TLS failure as unreachable (https:// to a plain-HTTP server)", async () => {
    const server = await startServer();
    const result = expectKind(await post(`https://127.0.0.1:${server.port}/`), "unreachable");
    expect(result.error).toMatch(/TLS|SSL|EPROTO/i);
    expect(server.connections).toBe(1); // allowPrivate: the connection was made, and failed in TLS
  });

  it("reports a connection reset before any answer as unreachable", async () => {
    const server = await startServer((req) => req.socket.destroy());
    const result = expectKind(await post(`http://127.0.0.1:${server.port}/`), "unreachable");
    expect(result.error.length).toBeLessThanOrEqual(200);
  });

  it("reads at most maxResponseBytes of an endless body, then stops and closes", async () => {
    let serverSawClose = false;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = "x".repeat(16 * 1024);
      const timer = setInterval(() => res.write(chunk), 1);
      res.on("close", () => {
        serverSawClose = true;
        clearInterval(timer);
      });
    });
    const result = expectKind(
      await post(`http://127.0.0.1:${server.port}/`, { maxResponseBytes: 1000, timeoutMs: 5000 }),
      "response",
    );
    expect(result.body).toBe("x".repeat(1000));
    expect(result.bodyTruncated).toBe(true);
    expect(result.durationMs).toBeLessThan(5000);
    await vi.waitFor(() => expect(serverSawClose).toBe(true));
  });

  it("truncates a large finite body at the default cap (64 KiB)", async () => {
    const server = await startServer((_req, res) => res.end("y".repeat(1024 * 1024)));
    const result = expectKind(await post(`http://127.0.0.1:${server.port}/`), "response");
    expect(result.body).toHaveLength(64 * 1024);
    expect(result.bodyTruncated).toBe(true);
  });

  it("does not flag a body of exactly maxResponseBytes as truncated", async () => {
    const server = await startServer((_req, res) => res.end("z".repeat(500)));
    const result = expectKind(await post(`http://127.0.0.1:${server.port}/`, { maxResponseBytes: 500 }), "response");
    expect(result.body).toHaveLength(500);
    expect(result.bodyTruncated).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// The forbidden-target proof (allowPrivate: false): no connection is ever made.

describe("sendWebhookRequest: forbidden targets are never contacted", () => {
  const strict = { allowPrivate: false } as const;

  // Each case names the rule that must refuse it: the loopback address would
  // refuse every one of them, so the https and credentials rules are only
  // shown to work when the error is theirs.
  const address = /forbidden \(non-public\) address/;
  it.each([
    ["https://127.0.0.1:PORT/", address],
    ["https://localhost:PORT/", address],
    ["https://[::ffff:127.0.0.1]:PORT/", address],
    ["https://2130706433:PORT/", address],
    ["https://0x7f.1:PORT/", address],
    ["https://127.1:PORT/", address],
    ["http://127.0.0.1:PORT/", /must use https/],
    ["https://user:pw@127.0.0.1:PORT/", /must not contain a user name or password/],
  ])("%s → forbidden, zero connections", async (template, rule) => {
    const server = await startServer();
    const url = template.replace("PORT", String(server.port));
    const result = expectKind(await post(url, strict), "forbidden");
    expect(result.error).toMatch(rule);
    // Give a stray connection attempt time to land before counting.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.connections).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it("control: the same https://localhost target with allowPrivate does connect (so the counter works)", async () => {
    const server = await startServer();
    expectKind(await post(`https://localhost:${server.port}/`), "unreachable"); // TLS to a plain server
    expect(server.connections).toBe(1);
  });

  it("refuses [::1] without connecting", async () => {
    const result = expectKind(await post("https://[::1]:9/", strict), "forbidden");
    expect(result.error).toMatch(/forbidden/);
  });

  it("DNS rebinding: a name that was public at check time and is 127.0.0.1 at connect time is refused", async () => {
    const server = await startServer();
    let answers = 0;
    const resolver = tableResolver({
      "rebind.test": () => (++answers === 1 ? ["93.184.216.34"] : ["127.0.0.1"]),
    });
    const url = `https://rebind.test:${server.port}/`;

    expect(await checkWebhookUrl(url, { allowPrivate: false, resolver })).toBeNull();
    const result = expectKind(await post(url, { ...strict, resolver }), "forbidden");
    expect(result.error).toContain("rebind.test");
    expect(resolver.calls).toEqual(["rebind.test", "rebind.test"]); // the second lookup is the connect-time one
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.connections).toBe(0);
  });

  it("a name with one public and one loopback address is refused at connect time", async () => {
    const server = await startServer();
    const resolver = tableResolver({ "mixed.test": ["93.184.216.34", "127.0.0.1"] });
    expectKind(await post(`https://mixed.test:${server.port}/`, { ...strict, resolver }), "forbidden");
    expect(server.connections).toBe(0);
  });

  it("control: the rebinding name with allowPrivate reaches the server (so the resolver is really used)", async () => {
    const server = await startServer();
    const resolver = tableResolver({ "rebind.test": ["127.0.0.1"] });
    expectKind(await post(`http://rebind.test:${server.port}/`, { resolver }), "response");
    expect(server.connections).toBe(1);
  });
});

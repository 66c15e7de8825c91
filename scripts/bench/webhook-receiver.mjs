// The benchmark's receiver, in a process of its own: verifies every
// delivery's signature with the standardwebhooks library, counts duplicates by
// webhook-id, and measures enqueue-to-receipt latency from data.enqueued_at.
// Events without it (a payment's, emitted by a web instance) are kept as
// [data.id, received at, data.succeeded_at] triples, read at /_arrivals: the
// payment's succeeded_at is set in the transaction that emits its event.
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const verifiers = new Map();
let stats;
const reset = () => (stats = { count: 0, verified: 0, rejected: 0, duplicates: 0, ids: new Set(), latencies: [], arrivals: [], first: 0, last: 0 });
reset();

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    if (req.url === "/_secrets") {
      for (const [tenant, secret] of Object.entries(JSON.parse(body))) verifiers.set(tenant, new Webhook(secret));
      return res.writeHead(204).end();
    }
    if (req.url === "/_reset") {
      reset();
      return res.writeHead(204).end();
    }
    if (req.url === "/_arrivals") {
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats.arrivals));
    }
    if (req.url === "/_stats") {
      const sorted = [...stats.latencies].sort((a, b) => a - b);
      const { ids, latencies: _latencies, arrivals: _arrivals, ...rest } = stats;
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...rest, unique: ids.size, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }));
    }
    const now = Date.now();
    const tenant = req.url.split("/")[2];
    try {
      const event = verifiers.get(tenant).verify(body, req.headers);
      stats.verified += 1;
      if (typeof event.data.enqueued_at === "number") stats.latencies.push(now - event.data.enqueued_at);
      else stats.arrivals.push([event.data.id ?? null, now, event.data.succeeded_at ?? null]);
    } catch {
      stats.rejected += 1;
    }
    const id = req.headers["webhook-id"];
    if (stats.ids.has(id)) stats.duplicates += 1;
    stats.ids.add(id);
    stats.count += 1;
    stats.first ||= now;
    stats.last = now;
    res.writeHead(204).end();
  });
});
server.listen(0, "127.0.0.1", () => console.log(`PORT ${server.address().port}`));

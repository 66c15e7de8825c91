import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { metricsAccess } from "./access";
import { metricsText } from "./registry";
import { errorMessage, log } from "@/lib/log";

export type MetricsServer = { server: Server; port: number; close(): Promise<void> };

const json = (status: number, code: string, message: string) => ({ status, body: JSON.stringify({ error: { code, message } }), type: "application/json" });

/**
 * The worker's metrics on a port of its own (`npm run worker` has no Next
 * server): GET /metrics, same registry and same token rule as /api/metrics
 * (404 for everything while no token is set, 401 for a wrong one).
 */
export function startMetricsServer(options: { port: number; host: string; token: string | undefined }): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const headers = new Headers();
    if (req.headers.authorization) headers.set("authorization", req.headers.authorization);
    const access = metricsAccess(headers, options.token);
    const path = (req.url ?? "/").split("?", 1)[0].replace(/\/+$/, "");
    const answer = (reply: { status: number; body: string; type: string }, extra: Record<string, string> = {}) => {
      res.writeHead(reply.status, { "Content-Type": reply.type, "Cache-Control": "no-store", ...extra });
      res.end(req.method === "HEAD" ? undefined : reply.body);
    };
    if (access === "off" || path !== "/metrics") return answer(json(404, "not_found", "Nothing here."));
    if (req.method !== "GET" && req.method !== "HEAD") return answer(json(405, "method_not_allowed", "GET only."), { Allow: "GET, HEAD" });
    if (access === "denied") return answer(json(401, "unauthorized", "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>."), { "WWW-Authenticate": 'Bearer realm="metrics"' });
    metricsText().then(
      ({ contentType, body }) => answer({ status: 200, body, type: contentType }),
      (error) => {
        log.error({ error: errorMessage(error) }, "metrics: could not collect");
        answer(json(500, "internal_error", "Could not collect the metrics."));
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        // A scraper keeps its connection open between scrapes; closing must not wait for it.
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

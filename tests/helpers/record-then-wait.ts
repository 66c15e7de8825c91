// Run by tests/api-traffic-shutdown.test.ts in a process of its own (tsx):
// records requests for a secret key, says "ready", and waits to be signalled,
// as a server with requests in its buffer would.
//   tsx tests/helpers/record-then-wait.ts <secret> <key id> <count> <alone|next>
// "next" first installs a handler that exits at once on SIGTERM and SIGINT,
// the harshest form of what `next start` does once its HTTP server is closed.
import { presentedKey } from "@/lib/api-traffic/admission";
import { recordApiRequest } from "@/lib/api-traffic/recorder";
import { newRequestId } from "@/lib/http/request-context";
import { prisma } from "@/lib/db";

// A server that has answered requests has its database connection open: without this, the
// first connection (and its module loading) would happen inside the bounded shutdown flush,
// which a busy machine can push past the bound.
await prisma.apiKey.count();

const [secret, keyId, count, mode] = process.argv.slice(2);
const presented = presentedKey(secret);
if (!presented) throw new Error("not a secret key");
// As admission answers once the key's row was read.
const key = { ...presented, id: keyId };

if (mode === "next") {
  process.on("SIGTERM", () => process.exit(143));
  process.on("SIGINT", () => process.exit(130));
}
for (let i = 0; i < Number(count); i++) {
  recordApiRequest({
    requestId: newRequestId(),
    at: new Date(),
    key,
    method: "GET",
    route: "GET /v1/account",
    path: "/api/v1/account/",
    status: 200,
    latencyMs: 2,
    ip: "203.0.113.9",
    userAgent: "shutdown-test",
    errorCode: null,
  });
}
// Stands for the server's listening socket, which keeps a real server alive.
setInterval(() => undefined, 60_000);
console.log("ready");

// A webhook receiver on this machine for trying the portal out:
//   npm run webhook:receiver                      answers 204 to everything (before you have the secret)
//   PORTAL_WEBHOOK_SECRET=whsec_… npm run webhook:receiver   verifies each delivery, 400 when it does not check out
// Listens on http://127.0.0.1:4000/hooks (PORT changes the port). Development servers accept such a
// local http:// target without any setting; production never does.
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const port = Number(process.env.PORT ?? 4000);
const secret = process.env.PORTAL_WEBHOOK_SECRET;
const verifier = secret ? new Webhook(secret) : null;

createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    // The raw body, as signed: parse it only after the signature checks out.
    const body = Buffer.concat(chunks).toString("utf8");
    if (!verifier) {
      console.log(`received ${req.headers["webhook-id"] ?? "a request"} (not verified: PORTAL_WEBHOOK_SECRET is not set)`);
      res.writeHead(204).end();
      return;
    }
    try {
      const event = verifier.verify(body, req.headers);
      console.log(`verified ${req.headers["webhook-id"]}: ${event.type}${event.test ? " (test)" : ""}`);
      res.writeHead(204).end();
    } catch (error) {
      console.log(`rejected ${req.headers["webhook-id"] ?? "a request"}: ${error.message}`);
      res.writeHead(400).end();
    }
  });
}).listen(port, "127.0.0.1", () => {
  console.log(`webhook receiver on http://127.0.0.1:${port}/hooks${verifier ? " (verifying signatures)" : ""}`);
});

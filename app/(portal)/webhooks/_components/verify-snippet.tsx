import { Card } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";

const SNIPPET = `import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.PORTAL_WEBHOOK_SECRET); // whsec_…

app.post("/webhooks/portal", express.raw({ type: "application/json" }), (req, res) => {
  try {
    // Checks webhook-signature over webhook-id.webhook-timestamp.body
    // and rejects timestamps more than 5 minutes old.
    const event = wh.verify(req.body, {
      "webhook-id": req.header("webhook-id"),
      "webhook-timestamp": req.header("webhook-timestamp"),
      "webhook-signature": req.header("webhook-signature"),
    });
    // event = { type, timestamp, test, data }: test is true only for the test console.
    // webhook-id is stable across retries.
    res.sendStatus(204);
  } catch {
    res.sendStatus(400);
  }
});`;

export function VerifySnippet() {
  return (
    <Card title="Verify our signatures" description="Deliveries follow Standard Webhooks; its libraries exist for most languages. In Node:">
      <ScrollRegion as="pre" label="Signature verification example" className="overflow-x-auto rounded-md bg-zinc-900 p-4 font-mono text-xs leading-relaxed text-zinc-100">
        {SNIPPET}
      </ScrollRegion>
      <p className="mt-3 text-sm text-zinc-500">
        Answer 2xx within 10 seconds. Failed deliveries are retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h; answering 410 Gone disables the endpoint. While a rotated secret is in its grace period, deliveries carry two signatures, and the library accepts a delivery that either of them verifies.
      </p>
    </Card>
  );
}

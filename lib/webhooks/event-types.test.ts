import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testWebhookSchema } from "@/lib/schemas/webhooks";
import { EVENT_TYPES, WEBHOOK_EVENTS, type WebhookEventType } from "./event-types";

const types = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];

/** The docs row for one event type: its description and the names of its data fields. */
function docsRow(type: WebhookEventType): string {
  const schema = EVENT_TYPES.find((event) => event.type === type)!.schema as { properties?: Record<string, unknown>; required?: string[] };
  const fields = Object.keys(schema.properties ?? {}).map((name) => (schema.required?.includes(name) ? `\`${name}\`` : `\`${name}\` (optional)`));
  return `| \`${type}\` | ${WEBHOOK_EVENTS[type].description} | ${fields.join(", ") || "any"} |`;
}

describe("webhook event registry", () => {
  it.each(types)("%s: the example validates against its own schema", (type) => {
    const { data, example } = WEBHOOK_EVENTS[type];
    const result = data.safeParse(example);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it.each(types)("%s: the schema refuses data of another shape", (type) => {
    expect(WEBHOOK_EVENTS[type].data.safeParse("not an object").success).toBe(false);
  });

  it.each(types)("%s: the test console may send it, and its JSON Schema describes an object", (type) => {
    expect(testWebhookSchema.safeParse({ event_type: type }).success).toBe(true);
    expect(EVENT_TYPES.find((event) => event.type === type)?.schema).toMatchObject({ type: "object" });
  });

  it("matches the event table in docs/api.md", () => {
    const docs = readFileSync(path.resolve(import.meta.dirname, "../../docs/api.md"), "utf8");
    const section = /<!-- webhook-event-types:start -->\n([\s\S]*?)<!-- webhook-event-types:end -->/.exec(docs);
    expect(section, "docs/api.md lost its webhook-event-types markers").not.toBeNull();
    const rows = section![1].split("\n").filter((line) => line.startsWith("| `"));
    const expected = types.map(docsRow);
    // On failure, the expected rows are printed: paste them into docs/api.md.
    expect(rows.join("\n")).toBe(expected.join("\n"));
  });
});

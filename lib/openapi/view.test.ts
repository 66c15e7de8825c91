import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { constraintsOf, curlExample, documentView, exampleValue, flattenFields } from "@/lib/openapi/view";

describe("the API reference page's view of the document", () => {
  const tags = documentView(buildOpenApiDocument(), "http://localhost:3000");
  const find = (method: string, path: string) => tags.flatMap((tag) => tag.operations).find((op) => op.method === method && op.path === path)!;

  it("groups every operation under its tag, once", () => {
    const all = tags.flatMap((tag) => tag.operations.map((op) => `${op.method} ${op.path}`));
    expect(new Set(all).size).toBe(all.length);
    expect(tags.find((tag) => tag.name === "Payments")?.operations.map((op) => `${op.method} ${op.path}`)).toContain("POST /api/v1/payments/");
  });

  it("flattens a request body into field rows with type, requiredness and rules, maps included", () => {
    const create = find("POST", "/api/v1/payments/");
    const rows = Object.fromEntries(create.body!.fields.map((row) => [row.name, row]));
    expect(rows.amount).toMatchObject({ required: true, depth: 0 });
    expect(rows.currency.constraints[0]).toMatch(/^one of: usd, eur/);
    expect(rows.description).toMatchObject({ required: false, type: "string", constraints: ["at most 1000 characters"] });
    expect(rows["metadata.<key>"]).toMatchObject({ depth: 1, type: "string", constraints: ["key 1–40 characters", "at most 500 characters"] });
    expect(create.accessLabel).toMatch(/secret key/);
    expect(create.responses.map((response) => response.status)).toEqual(expect.arrayContaining(["201", "400", "401", "429", "500"]));
  });

  it("writes a curl example with the credential the access takes and a body that passes the required rules", () => {
    expect(find("POST", "/api/v1/payments/").curl).toBe(
      [
        'curl -X POST "http://localhost:3000/api/v1/payments/"',
        '-H "Authorization: Bearer $SECRET_KEY"',
        '-H "Content-Type: application/json"',
        `-d '{"amount":1,"currency":"usd"}'`,
      ].join(" \\\n  "),
    );
    expect(curlExample("http://x", "GET", "/api/v1/payments/{payment_id}/", "public")).toBe('curl "http://x/api/v1/payments/$PAYMENT_ID/"');
    expect(find("GET", "/api/v1/auth/me/").curl).toContain("Bearer $ACCESS_TOKEN");
  });

  it("reads rules in words and makes examples from the schema", () => {
    expect(constraintsOf({ type: "string", minLength: 3, maxLength: 3 })).toEqual(["exactly 3 characters"]);
    expect(constraintsOf({ type: "integer", minimum: 1, maximum: 100, default: 25 })).toEqual(["1–100", "default: 25"]);
    expect(exampleValue({ type: "object", properties: { confirm: { type: "boolean", const: true }, kind: { enum: ["live", "test"] } }, required: ["confirm", "kind"] })).toEqual({
      confirm: true,
      kind: "live",
    });
    expect(flattenFields({ anyOf: [{ type: "object", properties: { a: { type: "string" } } }, { type: "null" }] }).map((row) => row.name)).toEqual(["a"]);
  });
});

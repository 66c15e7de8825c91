// The OpenAPI document against the code: every route file's real methods are
// in it and nothing else is, each request schema is the one the handler parses
// with, the generated registry is current, and the document is valid OpenAPI 3.1.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { RouteDefinition } from "@/lib/http/route";
import { ERROR_CODES } from "@/lib/http/errors";
import { METHOD_NOT_ALLOWED } from "@/lib/http/method-not-allowed";
import { buildOpenApiDocument, HTTP_METHODS, requestJsonSchema, type JsonObject } from "@/lib/openapi/document";
import { REGISTRY_FILE, renderRegistry, urlPathOf } from "@/lib/openapi/render-registry";
import { ENDPOINT_DOCS } from "@/lib/openapi/route-registry.generated";

const ROOT = path.resolve(import.meta.dirname, "../..");

// Found by the test runner itself, independently of the generated registry.
const routeModules = import.meta.glob<Record<string, unknown>>("../../app/api/v1/**/route.ts", { eager: true });

type Operation = JsonObject & {
  parameters?: (JsonObject & { name: string; in: string; required: boolean; schema: JsonObject })[];
  requestBody?: { required: boolean; content: { "application/json": { schema: JsonObject } } };
  responses: Record<string, JsonObject>;
  security: Record<string, string[]>[];
  "x-access": string;
};

const documentValue = buildOpenApiDocument();
const doc = documentValue as JsonObject & { paths: Record<string, Record<string, Operation>>; components: JsonObject & { responses: Record<string, JsonObject> } };

function operations(): { key: string; method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([urlPath, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${urlPath}`, method: method.toUpperCase(), path: urlPath, op })),
  );
}

/** Every route file's methods that are real handlers (apiRoute), keyed like the document. */
function handlersOnDisk(): Map<string, RouteDefinition> {
  const found = new Map<string, RouteDefinition>();
  for (const [file, routeModule] of Object.entries(routeModules)) {
    const relative = file.replace(/^(\.\.\/)+/, "");
    if (relative.includes("...")) continue;
    const { path: urlPath } = urlPathOf(relative);
    for (const method of HTTP_METHODS) {
      const handler = routeModule[method];
      if (typeof handler !== "function" || METHOD_NOT_ALLOWED in handler) continue;
      found.set(`${method} ${urlPath}`, (handler as unknown as { definition: RouteDefinition }).definition);
    }
  }
  return found;
}

const zodInput = (schema: z.ZodType) => {
  const json = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as JsonObject;
  delete json.$schema;
  return json;
};

describe("the route registry", () => {
  it("is what `npm run openapi:registry` writes from today's route files and docs/api.md", () => {
    const committed = readFileSync(path.join(ROOT, REGISTRY_FILE), "utf8");
    expect(committed === renderRegistry(ROOT), `${REGISTRY_FILE} is stale: run npm run openapi:registry and commit it`).toBe(true);
  });
});

describe("the OpenAPI document", () => {
  const onDisk = handlersOnDisk();
  const documented = operations();

  it("finds the route files", () => {
    expect(onDisk.size).toBeGreaterThan(40);
    expect(onDisk.has("POST /api/v1/payments/")).toBe(true);
  });

  it("has an operation for every real method of every app/api/v1 route file", () => {
    const keys = new Set(documented.map((operation) => operation.key));
    const missing = [...onDisk.keys()].filter((key) => !keys.has(key));
    expect(missing, "routes missing from the document: run npm run openapi:registry").toEqual([]);
  });

  it("lists no route that does not exist, and no 405 filler", () => {
    const stale = documented.map((operation) => operation.key).filter((key) => !onDisk.has(key));
    expect(stale).toEqual([]);
  });

  it("gives every operation a unique operationId, a tag, a summary and one path parameter per {segment}", () => {
    const ids = documented.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, path: urlPath, op } of documented) {
      expect(urlPath, key).toMatch(/^\/api\/v1\/.*\/$/);
      expect((op.tags as string[]).length, key).toBe(1);
      expect(op.summary, key).toEqual(expect.any(String));
      const segments = [...urlPath.matchAll(/\{([a-z_]+)\}/g)].map((match) => match[1]);
      const pathParams = (op.parameters ?? []).filter((parameter) => parameter.in === "path").map((parameter) => parameter.name);
      expect(pathParams, key).toEqual(segments);
    }
  });

  it("documents each request body exactly as zod converts the handler's own body schema", () => {
    for (const { key, op } of documented) {
      const definition = onDisk.get(key)!;
      if (!definition.body) {
        expect(op.requestBody, key).toBeUndefined();
        continue;
      }
      expect(op.requestBody?.content["application/json"].schema, key).toEqual(zodInput(definition.body));
    }
  });

  it("documents each query parameter exactly as zod converts the handler's own query schema", () => {
    for (const { key, op } of documented) {
      const definition = onDisk.get(key)!;
      const query = (op.parameters ?? []).filter((parameter) => parameter.in === "query");
      if (!definition.query) {
        expect(query, key).toEqual([]);
        continue;
      }
      const expected = zodInput(definition.query);
      expect(expected.type, `${key}: a query schema must be an object`).toBe("object");
      expect(Object.fromEntries(query.map((parameter) => [parameter.name, parameter.schema])), key).toEqual(expected.properties ?? {});
      expect(query.filter((parameter) => parameter.required).map((parameter) => parameter.name), key).toEqual(expected.required ?? []);
    }
  });

  it("represents every request schema: none converts only by turning a field into 'anything'", () => {
    for (const [key, definition] of onDisk) {
      for (const schema of [definition.body, definition.query]) {
        if (!schema) continue;
        expect(() => z.toJSONSchema(schema, { io: "input", unrepresentable: "throw" }), key).not.toThrow();
      }
    }
    expect(JSON.stringify(doc)).not.toContain("x-unrepresentable");
    // Should one appear, the document marks it rather than leaving a bare {}.
    const marked = requestJsonSchema(z.object({ at: z.date(), n: z.bigint() })) as { properties: Record<string, JsonObject> };
    expect(marked.properties.at["x-unrepresentable"]).toBe("date");
    expect(marked.properties.n["x-unrepresentable"]).toBe("bigint");
  });

  it("keeps request schemas self-contained (no $ref into a $defs the document does not have)", () => {
    for (const { key, op } of documented) {
      const text = JSON.stringify([op.requestBody ?? null, op.parameters ?? []]);
      expect(text, key).not.toContain("$defs");
      expect(text, key).not.toContain("$ref");
    }
  });

  it("asks for the credential the route's access takes", () => {
    for (const { key, op } of documented) {
      const access = onDisk.get(key)!.access;
      expect(op["x-access"], key).toBe(access);
      if (access === "public") expect(op.security, key).toEqual([]);
      else if (access === "api_key") expect(op.security, key).toEqual([{ secretKey: [] }]);
      else expect(op.security, key).toEqual([{ sessionCookie: [] }, { accessToken: [] }]);
    }
  });

  it("puts Request-Id on every response, and the RateLimit headers and rate_limited with Retry-After on the platform API", () => {
    const resolve = (response: JsonObject) =>
      typeof response.$ref === "string" ? doc.components.responses[response.$ref.replace("#/components/responses/", "")] : response;
    for (const { key, op } of documented) {
      const apiKey = op["x-access"] === "api_key";
      for (const [status, raw] of Object.entries(op.responses)) {
        const headers = (resolve(raw).headers ?? {}) as Record<string, unknown>;
        expect(Object.keys(headers), `${key} ${status}`).toContain("Request-Id");
        if (apiKey && !raw.$ref) expect(Object.keys(headers), `${key} ${status}`).toEqual(expect.arrayContaining(["RateLimit-Policy", "RateLimit"]));
        if (status === "429") expect(Object.keys(headers), `${key} ${status}`).toContain("Retry-After");
      }
      if (apiKey) expect((op.responses["429"]?.["x-error-codes"] as { code: string }[]).map((entry) => entry.code), key).toContain("rate_limited");
    }
  });

  it("answers each error code under its own status, and knows every code docs/api.md names", () => {
    for (const { key, op } of documented) {
      for (const [status, response] of Object.entries(op.responses)) {
        for (const entry of (response["x-error-codes"] ?? []) as { code: keyof typeof ERROR_CODES }[]) {
          expect(ERROR_CODES[entry.code].status, `${key}: ${entry.code}`).toBe(Number(status));
        }
      }
    }
    const unknown = Object.entries(ENDPOINT_DOCS).flatMap(([key, endpoint]) =>
      endpoint.errors.flatMap((row) => row.codes.filter((code) => !Object.hasOwn(ERROR_CODES, code)).map((code) => `${key}: ${code}`)),
    );
    expect(unknown).toEqual([]);
  });

  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(documentValue));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });
});

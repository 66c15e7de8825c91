import { z } from "zod";
import type { Access, RouteDefinition } from "@/lib/http/route";
import { ERROR_CODES, type ErrorCode } from "@/lib/http/errors";
import { METHOD_NOT_ALLOWED } from "@/lib/http/method-not-allowed";
import { ENDPOINT_DOCS, ROUTE_REGISTRY, TAG_DOCS } from "@/lib/openapi/route-registry.generated";
import type { DefinedHandler, EndpointDoc, RouteRegistryEntry } from "@/lib/openapi/types";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** JSON Schema as zod writes it, and the OpenAPI objects built around it: plain JSON. */
export type JsonObject = { [key: string]: unknown };

/** How every request schema is converted: the input side (what a client sends), in OpenAPI 3.1's own dialect. */
export const JSON_SCHEMA_OPTIONS = { io: "input", target: "draft-2020-12", unrepresentable: "any" } as const;

/**
 * zod types JSON Schema cannot express. With `unrepresentable: "any"` they become `{}`,
 * so they are marked, and a test refuses marks it does not expect: a field never
 * silently turns into "anything".
 */
const UNREPRESENTABLE = new Set(["bigint", "symbol", "undefined", "void", "date", "map", "set", "function", "custom", "nan", "transform", "promise"]);

/** A request schema as the document shows it (the `$schema` keyword belongs to standalone schemas only). */
export function requestJsonSchema(schema: z.ZodType): JsonObject {
  const json = z.toJSONSchema(schema, {
    ...JSON_SCHEMA_OPTIONS,
    override: (ctx) => {
      const type = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type;
      if (UNREPRESENTABLE.has(type)) ctx.jsonSchema["x-unrepresentable"] = type;
    },
  }) as JsonObject;
  delete json.$schema;
  return json;
}

/** A portal role, "public", "api_key" or "platform_admin", as people read it. */
export const ACCESS_LABELS: Record<Access, string> = {
  public: "Public: no credential needed",
  member: "Any member of the tenant (member+)",
  admin: "Admins and owners (admin+)",
  owner: "Owners only",
  api_key: "Platform API: a secret key (Bearer sk_live_… / sk_test_…)",
  platform_admin: "Platform operators",
};

const PORTAL_SECURITY: Record<string, string[]>[] = [{ sessionCookie: [] }, { accessToken: [] }];

function securityFor(access: Access): Record<string, string[]>[] {
  if (access === "public") return [];
  if (access === "api_key") return [{ secretKey: [] }];
  return PORTAL_SECURITY;
}

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

type ErrorEntry = { code: ErrorCode; when: string };

/** The errors the route wrapper itself answers for a definition, before the handler runs. */
function wrapperErrors(method: HttpMethod, definition: RouteDefinition): ErrorEntry[] {
  const errors: ErrorEntry[] = [];
  const { access } = definition;
  if (access === "api_key") {
    errors.push(
      { code: "invalid_api_key", when: "no key; a malformed, unknown, revoked or expired key" },
      { code: "publishable_key_not_allowed", when: "a pk_… key" },
      { code: "tenant_suspended", when: "the key's tenant is suspended" },
      { code: "rate_limited", when: "the key is over its rate limit; see Retry-After" },
    );
  } else if (access !== "public") {
    errors.push(
      { code: "unauthorized", when: "no credential" },
      { code: "invalid_token", when: "a bad, expired or signed-out access token" },
      { code: "forbidden", when: access === "platform_admin" ? "the caller is not a platform operator" : `the caller's role is below ${access}` },
    );
    if (method !== "GET") errors.push({ code: "csrf_origin_mismatch", when: "a cookie-authenticated write without the portal's Origin" });
  }
  if (definition.query) errors.push({ code: "validation_error", when: "bad or unknown query parameters" });
  if (definition.body) {
    errors.push(
      { code: "invalid_json", when: "the body is not JSON" },
      { code: "json_too_deep", when: "the body nests more than 32 levels" },
      { code: "validation_error", when: "the body does not match the schema" },
      { code: "payload_too_large", when: "a body over 64 KB" },
    );
  }
  errors.push({ code: "internal_error", when: "our fault; the answer carries no internals" });
  return errors;
}

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

function responseHeaders(access: Access, status: number): JsonObject {
  const headers: JsonObject = { "Request-Id": ref("headers", "Request-Id") };
  if (access === "api_key") {
    headers["RateLimit-Policy"] = ref("headers", "RateLimit-Policy");
    headers.RateLimit = ref("headers", "RateLimit");
  }
  if (status === 429) headers["Retry-After"] = ref("headers", "Retry-After");
  return headers;
}

function errorResponses(method: HttpMethod, definition: RouteDefinition, doc: EndpointDoc | undefined): Record<string, JsonObject> {
  const byStatus = new Map<number, ErrorEntry[]>();
  const add = (entry: ErrorEntry) => {
    const status = ERROR_CODES[entry.code].status;
    const list = byStatus.get(status) ?? [];
    const existing = list.find((item) => item.code === entry.code);
    // docs/api.md's wording is specific to the endpoint; it wins over the wrapper's generic one.
    if (existing) existing.when = entry.when;
    else list.push({ ...entry });
    byStatus.set(status, list);
  };
  for (const entry of wrapperErrors(method, definition)) add(entry);
  for (const row of doc?.errors ?? []) {
    for (const code of row.codes) if (isErrorCode(code)) add({ code, when: row.when });
  }
  const responses: Record<string, JsonObject> = {};
  for (const [status, entries] of [...byStatus].sort(([a], [b]) => a - b)) {
    if (status === 500 && entries.length === 1) {
      responses["500"] = ref("responses", "InternalError");
      continue;
    }
    const codes = entries.map((entry) => entry.code);
    responses[String(status)] = {
      description: codes.join(", "),
      headers: responseHeaders(definition.access, status),
      content: {
        "application/json": {
          schema: { allOf: [ref("schemas", "Error")], properties: { error: { properties: { code: { enum: codes } } } } },
        },
      },
      "x-error-codes": entries,
    };
  }
  return responses;
}

function successResponse(access: Access, doc: EndpointDoc | undefined): Record<string, JsonObject> {
  const status = doc?.success_status ?? 200;
  const response: JsonObject = { description: status === 201 ? "Created" : "Success", headers: responseHeaders(access, status) };
  if (doc?.example !== undefined) response.content = { "application/json": { example: doc.example } };
  return { [String(status)]: response };
}

/** `payments/{payment_id}/confirm` → `postPaymentsPaymentIdConfirm`. */
function operationId(method: HttpMethod, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((word) => word[0].toUpperCase() + word.slice(1)).join("");
}

function queryParameters(schema: z.ZodType): JsonObject[] {
  const json = requestJsonSchema(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const parameter: JsonObject = { name, in: "query", required: required.has(name), schema: property };
    if (typeof property.description === "string") parameter.description = property.description;
    return parameter;
  });
}

function pathParameters(entry: RouteRegistryEntry): JsonObject[] {
  return Object.keys(entry.params).map((name) => ({ name, in: "path", required: true, schema: { type: "string" } }));
}

/** The route's real methods: apiRoute handlers, not the 405 fillers. */
export function definedMethods(entry: RouteRegistryEntry): { method: HttpMethod; handler: DefinedHandler }[] {
  return HTTP_METHODS.flatMap((method) => {
    const handler = entry.module[method];
    if (typeof handler !== "function" || METHOD_NOT_ALLOWED in handler) return [];
    if (!("definition" in handler)) throw new Error(`${entry.file} exports ${method} without apiRoute: the document cannot describe it`);
    return [{ method, handler: handler as DefinedHandler }];
  });
}

function fallbackTag(path: string): string {
  return path.split("/")[3] ?? "Other";
}

/**
 * The route file's header comment, which covers all of its methods; where a file has
 * several, each operation takes the first sentence docs/api.md gives it instead.
 */
function summaryOf(entry: RouteRegistryEntry, doc: EndpointDoc | undefined): string {
  if (definedMethods(entry).length === 1 || !doc?.description) return entry.summary;
  const sentence = /^(.+?[.!?])(\s|$)/.exec(doc.description)?.[1] ?? doc.description;
  return sentence.replace(/\.$/, "");
}

function operation(entry: RouteRegistryEntry, method: HttpMethod, definition: RouteDefinition): JsonObject {
  const doc = ENDPOINT_DOCS[`${method} ${entry.path}`];
  const op: JsonObject = {
    operationId: operationId(method, entry.path),
    tags: [doc?.tag ?? fallbackTag(entry.path)],
    summary: summaryOf(entry, doc),
  };
  if (doc?.description) op.description = doc.description;
  op["x-access"] = definition.access;
  if (doc?.access) op["x-access-note"] = doc.access;
  op.security = securityFor(definition.access);
  const parameters = [...pathParameters(entry), ...(definition.query ? queryParameters(definition.query) : [])];
  if (parameters.length > 0) op.parameters = parameters;
  if (definition.body) {
    const schema = requestJsonSchema(definition.body);
    op.requestBody = {
      // An empty body counts as {}: a body is required only when the schema requires something.
      required: !(schema.type === "object" && !(Array.isArray(schema.required) && schema.required.length > 0)),
      content: { "application/json": { schema } },
    };
  }
  op.responses = { ...successResponse(definition.access, doc), ...errorResponses(method, definition, doc) };
  return op;
}

function components(): JsonObject {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];
  return {
    securitySchemes: {
      sessionCookie: {
        type: "apiKey",
        in: "cookie",
        name: "next-auth.session-token",
        description: "The portal's session cookie, set by signing in on /login (`__Secure-next-auth.session-token` over HTTPS). Writes must send the portal's Origin (CSRF).",
      },
      accessToken: {
        type: "http",
        scheme: "bearer",
        bearerFormat: "JWT",
        description: "`Authorization: Bearer <access_token>` from POST /api/v1/auth/login/ (valid 1 hour).",
      },
      secretKey: {
        type: "http",
        scheme: "bearer",
        bearerFormat: "sk_live_… / sk_test_…",
        description: "A tenant's secret API key, for the platform API. Publishable keys (pk_…) are refused.",
      },
    },
    headers: {
      "Request-Id": {
        description: "Names this request (`req_` and 24 base62 characters); error bodies repeat it as `request_id`. Quote it when asking for help.",
        schema: { type: "string", pattern: "^req_[0-9A-Za-z]{24}$" },
      },
      "RateLimit-Policy": {
        description: 'The key\'s rate limit policy: `"key";q=100;w=1` (100 requests per 1-second window).',
        schema: { type: "string" },
      },
      RateLimit: {
        description: 'What is left of the key\'s limit: `"key";r=<remaining>;t=<seconds until the window resets>`.',
        schema: { type: "string" },
      },
      "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 0 } },
    },
    schemas: {
      ErrorCode: {
        type: "string",
        enum: codes,
        description: "Every code the API answers with. A code always answers the same status (`x-status`).",
        "x-status": Object.fromEntries(codes.map((code) => [code, ERROR_CODES[code].status])),
        "x-messages": Object.fromEntries(codes.map((code) => [code, ERROR_CODES[code].message])),
      },
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: {
              code: ref("schemas", "ErrorCode"),
              message: { type: "string", description: "A human sentence for this case." },
              details: { description: "Code-specific: zod issues for validation_error, retry_after for too_many_requests, …" },
              request_id: { type: "string", description: "The same id as the Request-Id header." },
            },
          },
        },
      },
    },
    responses: {
      InternalError: {
        description: "`internal_error`: our fault; the answer carries no internals.",
        headers: { "Request-Id": ref("headers", "Request-Id") },
        content: { "application/json": { schema: ref("schemas", "Error") } },
      },
    },
  };
}

let cached: JsonObject | null = null;

/** The OpenAPI 3.1 document of every /api/v1 route, built once from the routes' own definitions. */
export function buildOpenApiDocument(): JsonObject {
  if (cached) return cached;
  const paths: Record<string, JsonObject> = {};
  const usedTags = new Set<string>();
  for (const entry of [...ROUTE_REGISTRY].sort((a, b) => a.path.localeCompare(b.path))) {
    const item: JsonObject = {};
    for (const { method, handler } of definedMethods(entry)) {
      const op = operation(entry, method, handler.definition);
      (op.tags as string[]).forEach((tag) => usedTags.add(tag));
      item[method.toLowerCase()] = op;
    }
    if (Object.keys(item).length > 0) paths[entry.path] = item;
  }
  const tagOrder = TAG_DOCS.map((tag) => tag.name);
  const tags = [...TAG_DOCS.filter((tag) => usedTags.has(tag.name)), ...[...usedTags].filter((tag) => !tagOrder.includes(tag)).map((name) => ({ name }))];
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Tenant Admin Portal API",
      version: "v1",
      description:
        "The portal's JSON API. Paths keep a trailing slash; the same path without it answers identically. Bodies and query parameters are validated with the schemas shown here (unknown fields are refused). Every error has one shape, `{\"error\": {\"code\", \"message\", \"details\"?, \"request_id\"?}}`, and every answer carries a `Request-Id` header. Portal endpoints take the session cookie or a Bearer access token; the platform API takes a tenant's secret key.",
    },
    servers: [{ url: "/", description: "This portal (APP_URL)" }],
    tags,
    paths,
    components: components(),
  };
  return cached;
}

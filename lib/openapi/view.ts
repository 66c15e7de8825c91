// The OpenAPI document as the /docs/api page shows it: operations grouped by
// tag, request schemas flattened into field rows, and a curl example per
// operation. Pure functions of the document, so they are tested without a page.
import type { Access } from "@/lib/http/route";
import { ACCESS_LABELS, type JsonObject } from "@/lib/openapi/document";

export type FieldRow = {
  /** Dotted path: `metadata.<key>`, `fixed.<key>`, `items[]`. */
  name: string;
  depth: number;
  type: string;
  required: boolean;
  constraints: string[];
  description?: string;
};

export type ParameterView = { name: string; in: string; required: boolean; type: string; constraints: string[]; description?: string };
export type ErrorCodeView = { code: string; when: string };
export type ResponseView = { status: string; description: string; codes: ErrorCodeView[] };

export type OperationView = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  access: Access;
  accessLabel: string;
  accessNote?: string;
  parameters: ParameterView[];
  body?: { required: boolean; fields: FieldRow[] };
  responses: ResponseView[];
  curl: string;
};

export type TagView = { name: string; description?: string; operations: OperationView[] };

const asObject = (value: unknown): JsonObject => (value && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {});

/** "string", "integer | null", "one of: object, null", "array of string". */
export function typeOf(schema: JsonObject): string {
  if ("const" in schema) return JSON.stringify(schema.const);
  const variants = (schema.anyOf ?? schema.oneOf) as JsonObject[] | undefined;
  if (variants) return variants.map(typeOf).join(" | ");
  const type = schema.type;
  if (Array.isArray(type)) return type.join(" | ");
  if (type === "array") return `array of ${typeOf(asObject(schema.items))}`;
  if (typeof type === "string") return type;
  if (schema["x-unrepresentable"]) return `any (${String(schema["x-unrepresentable"])})`;
  return "any";
}

/** The rules a field carries, in words a reader scans: "1–40 characters", "one of: live, test". */
export function constraintsOf(schema: JsonObject): string[] {
  const rules: string[] = [];
  const range = (min: unknown, max: unknown, unit: string) => {
    if (typeof min === "number" && typeof max === "number") rules.push(min === max ? `exactly ${min}${unit}` : `${min}–${max}${unit}`);
    else if (typeof min === "number") rules.push(`at least ${min}${unit}`);
    else if (typeof max === "number") rules.push(`at most ${max}${unit}`);
  };
  range(schema.minLength, schema.maxLength, " characters");
  range(schema.minimum, schema.maximum, "");
  if (typeof schema.exclusiveMinimum === "number") rules.push(`> ${schema.exclusiveMinimum}`);
  if (typeof schema.exclusiveMaximum === "number") rules.push(`< ${schema.exclusiveMaximum}`);
  range(schema.minItems, schema.maxItems, " items");
  range(schema.minProperties, schema.maxProperties, " keys");
  if (Array.isArray(schema.enum)) rules.push(`one of: ${schema.enum.map((value) => (typeof value === "string" ? value : JSON.stringify(value))).join(", ")}`);
  if (typeof schema.format === "string") rules.push(`format: ${schema.format}`);
  else if (typeof schema.pattern === "string") rules.push(`pattern: ${schema.pattern}`);
  if ("default" in schema) rules.push(`default: ${JSON.stringify(schema.default)}`);
  if (schema.additionalProperties === false && schema.type === "object") rules.push("no other fields");
  return rules;
}

/** A JSON Schema as nested field rows: each property, then its own properties one level deeper. */
export function flattenFields(schema: JsonObject, prefix = "", depth = 0, seen = 0): FieldRow[] {
  if (seen > 8) return [];
  const rows: FieldRow[] = [];
  const variants = ((schema.anyOf ?? schema.oneOf) as JsonObject[] | undefined) ?? [schema];
  for (const variant of variants) {
    const properties = asObject(variant.properties);
    const required = new Set((variant.required ?? []) as string[]);
    for (const [name, raw] of Object.entries(properties)) {
      const property = asObject(raw);
      const path = prefix ? `${prefix}.${name}` : name;
      rows.push({
        name: path,
        depth,
        type: typeOf(property),
        required: required.has(name),
        constraints: constraintsOf(property),
        description: typeof property.description === "string" ? property.description : undefined,
      });
      rows.push(...flattenFields(property, path, depth + 1, seen + 1));
    }
    // A map ({"<key>": value}): its values are described once, under a placeholder key.
    const additional = variant.additionalProperties;
    if (additional && typeof additional === "object" && Object.keys(additional).length > 0) {
      const keys = asObject(variant.propertyNames);
      const path = `${prefix || "<body>"}.<key>`;
      rows.push({
        name: path,
        depth,
        type: typeOf(asObject(additional)),
        required: false,
        constraints: [...constraintsOf(keys).map((rule) => `key ${rule}`), ...constraintsOf(asObject(additional))],
      });
      rows.push(...flattenFields(asObject(additional), path, depth + 1, seen + 1));
    }
    const items = asObject(variant.items);
    if (variant.type === "array" && Object.keys(items).length > 0) rows.push(...flattenFields(items, `${prefix}[]`, depth + 1, seen + 1));
  }
  return rows;
}

/** A value that passes a schema's simplest rules, for examples: the required fields only. */
export function exampleValue(schema: JsonObject, depth = 0): unknown {
  if (depth > 6) return null;
  if ("const" in schema) return schema.const;
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const variants = (schema.anyOf ?? schema.oneOf) as JsonObject[] | undefined;
  if (variants?.length) return exampleValue(variants[0], depth + 1);
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case "object": {
      const properties = asObject(schema.properties);
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.filter((name) => name in properties).map((name) => [name, exampleValue(asObject(properties[name]), depth + 1)]));
    }
    case "array":
      return [];
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? Math.max(schema.minimum, 1) : 1;
    case "boolean":
      return true;
    case "null":
      return null;
    case "string":
      if (schema.format === "email") return "ada@example.com";
      if (schema.format === "uri" || schema.format === "url") return "https://example.com/webhooks";
      return typeof schema.minLength === "number" && schema.minLength > 3 ? "x".repeat(schema.minLength) : "text";
    default:
      return null;
  }
}

const CREDENTIAL: Record<Access, string | null> = {
  public: null,
  member: "Authorization: Bearer $ACCESS_TOKEN",
  admin: "Authorization: Bearer $ACCESS_TOKEN",
  owner: "Authorization: Bearer $ACCESS_TOKEN",
  platform_admin: "Authorization: Bearer $ACCESS_TOKEN",
  api_key: "Authorization: Bearer $SECRET_KEY",
};

/** `curl` for an operation, against `baseUrl`, with placeholders for path parameters and a minimal valid body. */
export function curlExample(baseUrl: string, method: string, path: string, access: Access, body?: JsonObject): string {
  const url = `${baseUrl}${path.replace(/\{([a-z_]+)\}/g, (_match, name: string) => `$${name.toUpperCase()}`)}`;
  const lines = [`curl${method === "GET" ? "" : ` -X ${method}`} "${url}"`];
  const credential = CREDENTIAL[access];
  if (credential) lines.push(`-H "${credential}"`);
  if (body) {
    lines.push('-H "Content-Type: application/json"');
    const example = JSON.stringify(exampleValue(body)).replace(/'/g, "'\\''");
    lines.push(`-d '${example}'`);
  }
  return lines.join(" \\\n  ");
}

type DocumentShape = {
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, JsonObject>>;
};

/** The document grouped for the page: tags in the document's order, operations in path order. */
export function documentView(document: JsonObject, baseUrl: string): TagView[] {
  const shape = document as unknown as DocumentShape;
  const tags = new Map<string, TagView>((shape.tags ?? []).map((tag) => [tag.name, { ...tag, operations: [] }]));
  for (const [path, item] of Object.entries(shape.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const access = op["x-access"] as Access;
      const requestBody = asObject(op.requestBody);
      const bodySchema = requestBody.content ? asObject(asObject(asObject(requestBody.content)["application/json"]).schema) : undefined;
      const view: OperationView = {
        id: String(op.operationId),
        method: method.toUpperCase(),
        path,
        summary: String(op.summary ?? ""),
        description: typeof op.description === "string" ? op.description : undefined,
        access,
        accessLabel: ACCESS_LABELS[access] ?? access,
        accessNote: typeof op["x-access-note"] === "string" ? op["x-access-note"] : undefined,
        parameters: ((op.parameters ?? []) as JsonObject[]).map((parameter) => ({
          name: String(parameter.name),
          in: String(parameter.in),
          required: parameter.required === true,
          type: typeOf(asObject(parameter.schema)),
          constraints: constraintsOf(asObject(parameter.schema)),
          description: typeof parameter.description === "string" ? parameter.description : undefined,
        })),
        body: bodySchema ? { required: requestBody.required === true, fields: flattenFields(bodySchema) } : undefined,
        responses: Object.entries(asObject(op.responses)).map(([status, raw]) => {
          const response = asObject(raw);
          const codes = (response["x-error-codes"] ?? []) as ErrorCodeView[];
          const description = typeof response.description === "string" ? response.description : status === "500" ? "internal_error" : "";
          return { status, description, codes: codes.length > 0 || status !== "500" ? codes : [{ code: "internal_error", when: "our fault; the answer carries no internals" }] };
        }),
        curl: curlExample(baseUrl, method.toUpperCase(), path, access, bodySchema),
      };
      const tagName = ((op.tags ?? []) as string[])[0] ?? "Other";
      if (!tags.has(tagName)) tags.set(tagName, { name: tagName, operations: [] });
      tags.get(tagName)!.operations.push(view);
    }
  }
  return [...tags.values()].filter((tag) => tag.operations.length > 0);
}

// Writes lib/openapi/route-registry.generated.ts: a static import of every
// app/api/v1/**/route.ts (a production bundle cannot list files at run time),
// each route file's header comment as its summary, and what docs/api.md says
// of each endpoint (its area, first paragraph, access line, success status,
// example and error rows). Used by scripts/openapi-registry.ts and by the test
// that fails when the committed file is stale. Node-only: never imported by app code.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { EndpointDoc, TagDoc } from "@/lib/openapi/types";

export const REGISTRY_FILE = "lib/openapi/route-registry.generated.ts";
const V1_DIR = "app/api/v1";
const DOC_FILE = "docs/api.md";
const DOC_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export const snakeCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/-/g, "_").toLowerCase();

function routeFiles(root: string, dir = V1_DIR): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return entry.name.includes("...") ? [] : routeFiles(root, relative);
      return entry.name === "route.ts" ? [relative] : [];
    })
    .sort();
}

/** app/api/v1/a/[fooId]/route.ts → { path: "/api/v1/a/{foo_id}/", params: { foo_id: "fooId" } } */
export function urlPathOf(file: string): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const segments = path
    .dirname(file.replace(/^app\//, ""))
    .split("/")
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => {
      const dynamic = /^\[(.+)\]$/.exec(segment);
      if (!dynamic) return segment;
      params[snakeCase(dynamic[1])] = dynamic[1];
      return `{${snakeCase(dynamic[1])}}`;
    });
  return { path: `/${segments.join("/")}/`, params };
}

/** "// GET|POST /api/v1/payments/ — platform API, secret key: …" → the part after the dash. */
function headerSummary(source: string, file: string): string {
  const first = source.split("\n", 1)[0];
  const match = /^\/\/\s*\S.*?\s[—-]\s+(.+)$/.exec(first);
  if (!match) throw new Error(`${file} does not start with a "// METHOD /api/v1/… — who: what" header comment`);
  return match[1].trim();
}

/** `payments/[paymentId]/confirm` → `paymentsPaymentIdConfirm`: a readable import name. */
function importName(urlPath: string): string {
  const words = urlPath
    .replace(/^\/api\/v1\//, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join("");
  return /^[0-9]/.test(name) ? `route${name}` : name || "root";
}

/** Inline markdown links keep their text: the page and JSON readers have no anchors into docs/api.md. */
const plain = (text: string) => text.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1").replace(/\s+/g, " ").trim();

function firstParagraph(lines: string[]): string | undefined {
  const start = lines.findIndex((line) => line.trim() !== "");
  if (start < 0) return undefined;
  const opening = lines[start].trim();
  if (/^(\*\*|\||```|#|- )/.test(opening)) return undefined;
  const end = lines.findIndex((line, index) => index > start && line.trim() === "");
  return plain(lines.slice(start, end < 0 ? undefined : end).join(" "));
}

function endpointDoc(tag: string, lines: string[]): EndpointDoc {
  const doc: EndpointDoc = { tag, errors: [] };
  const description = firstParagraph(lines);
  if (description) doc.description = description;
  const text = lines.join("\n");
  const access = /\*\*Access:\*\*\s*([\s\S]*?)(?:\n\s*\n|$)/.exec(text);
  if (access) doc.access = plain(access[1]);
  const response = /\*\*Response (\d{3})\b/.exec(text);
  if (response) {
    doc.success_status = Number(response[1]);
    const example = /^```json\n([\s\S]*?)\n```/m.exec(text.slice(response.index));
    if (example) {
      try {
        doc.example = JSON.parse(example[1]);
      } catch {
        // Examples abridged with "…" are not JSON; the document goes without them.
      }
    }
  }
  for (const line of lines) {
    const row = /^\|\s*(\d{3})\s*\|\s*((?:`[a-z_]+`(?:,\s*)?)+)\s*\|\s*(.*?)\s*\|\s*$/.exec(line);
    if (!row) continue;
    doc.errors.push({ status: Number(row[1]), codes: [...row[2].matchAll(/`([a-z_]+)`/g)].map((code) => code[1]), when: plain(row[3]) });
  }
  return doc;
}

/** docs/api.md's endpoint sections ("### METHOD /api/v1/…/") under their "## Area" heading. */
export function readApiDocs(markdown: string): { endpoints: Record<string, EndpointDoc>; tags: TagDoc[] } {
  const lines = markdown.split("\n");
  const endpoints: Record<string, EndpointDoc> = {};
  const tags: TagDoc[] = [];
  let area: string | null = null;
  let areaStart = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const areaHeading = /^## (.+)$/.exec(line);
    if (areaHeading) {
      area = areaHeading[1].trim();
      areaStart = index + 1;
      continue;
    }
    const heading = /^### (GET|POST|PUT|PATCH|DELETE) (\/api\/v1\/\S*)\s*$/.exec(line);
    if (!heading || !area) continue;
    if (!tags.some((tag) => tag.name === area)) {
      const intro = lines.slice(areaStart, index);
      const firstHeading = intro.findIndex((text) => text.startsWith("#"));
      const description = firstParagraph(firstHeading < 0 ? intro : intro.slice(0, firstHeading));
      tags.push(description ? { name: area, description } : { name: area });
    }
    const end = lines.findIndex((next, at) => at > index && /^#{2,3} /.test(next));
    endpoints[`${heading[1]} ${heading[2]}`] = endpointDoc(area, lines.slice(index + 1, end < 0 ? undefined : end));
  }
  return { endpoints, tags };
}

/** The methods a route file really answers: `export const X = apiRoute(…)` and the like, not the 405 fillers. */
function declaredMethods(source: string): string[] {
  return DOC_METHODS.filter((method) => new RegExp(`export\\s+(?:const|let|var|async\\s+function|function)\\s+${method}\\b`).test(source));
}

/** The generated registry's full text, from the route files and docs/api.md under `root`. */
export function renderRegistry(root: string): string {
  const docs = readApiDocs(readFileSync(path.join(root, DOC_FILE), "utf8"));
  const usedNames = new Set<string>();
  const routes = routeFiles(root).map((file) => {
    const source = readFileSync(path.join(root, file), "utf8");
    const { path: urlPath, params } = urlPathOf(file);
    let name = importName(urlPath);
    while (usedNames.has(name)) name = `${name}Route`;
    usedNames.add(name);
    return { file, urlPath, params, name, summary: headerSummary(source, file), methods: declaredMethods(source) };
  });
  const known = new Set(routes.flatMap((route) => route.methods.map((method) => `${method} ${route.urlPath}`)));
  const endpointDocs = Object.fromEntries(Object.entries(docs.endpoints).filter(([key]) => known.has(key)));
  const usedTags = new Set(Object.values(endpointDocs).map((doc) => doc.tag));

  const out: string[] = [];
  out.push("// Generated by `npm run openapi:registry` from app/api/v1/**/route.ts and docs/api.md. Do not edit:");
  out.push("// lib/openapi/registry.test.ts fails when this file is not what the generator writes today.");
  out.push('import type { RouteRegistryEntry, EndpointDoc, TagDoc } from "@/lib/openapi/types";');
  for (const route of routes) out.push(`import * as ${route.name} from "@/${route.file.replace(/\.ts$/, "")}";`);
  out.push("");
  out.push("export const ROUTE_REGISTRY: RouteRegistryEntry[] = [");
  for (const route of routes) {
    out.push(
      `  { path: ${JSON.stringify(route.urlPath)}, file: ${JSON.stringify(route.file)}, params: ${JSON.stringify(route.params)}, summary: ${JSON.stringify(route.summary)}, module: ${route.name} },`,
    );
  }
  out.push("];");
  out.push("");
  out.push(`export const ENDPOINT_DOCS: Record<string, EndpointDoc> = ${JSON.stringify(endpointDocs, null, 2)};`);
  out.push("");
  out.push(`export const TAG_DOCS: TagDoc[] = ${JSON.stringify(docs.tags.filter((tag) => usedTags.has(tag.name)), null, 2)};`);
  out.push("");
  return out.join("\n");
}

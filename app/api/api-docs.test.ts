// docs/api.md must document every /api/v1 route handler, and only those.
// A unit test (no database): it reads app/api/v1/**/route.ts and docs/api.md as text.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const V1_DIR = path.join(ROOT, "app/api/v1");
const DOC_FILE = path.join(ROOT, "docs/api.md");

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

type Endpoint = { method: string; path: string; source: string };

/** "POST /api/v1/x/{anything}/" → "POST /api/v1/x/{}/": any parameter name matches. */
const keyOf = (method: string, urlPath: string) => `${method} ${urlPath.replace(/\{[^}]*\}/g, "{}")}`;

const snakeCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/-/g, "_").toLowerCase();

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // The catch-all ([...path], [[...path]]) is the JSON 404 for unknown paths, not an endpoint.
      return entry.name.includes("...") ? [] : routeFiles(full);
    }
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** The HTTP methods a route module exports: `export const GET`, `export async function GET`, `export { x as GET }`. */
function exportedMethods(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const names = new Set<string>();
  for (const match of code.matchAll(/export\s+(?:const|let|var)\s+([A-Z]+)\b/g)) names.add(match[1]);
  for (const match of code.matchAll(/export\s+(?:async\s+)?function\s*\*?\s*([A-Z]+)\b/g)) names.add(match[1]);
  for (const match of code.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1].split(",")) {
      const exported = part.trim().split(/\s+as\s+/).at(-1)?.trim();
      if (exported) names.add(exported);
    }
  }
  return HTTP_METHODS.filter((method) => names.has(method));
}

/** app/api/v1/a/[fooId]/b/route.ts → /api/v1/a/{foo_id}/b/ */
function documentedPath(routeFile: string): string {
  const segments = path
    .relative(path.join(ROOT, "app"), path.dirname(routeFile))
    .split(path.sep)
    .filter((segment) => !/^\(.*\)$/.test(segment)) // route groups are not part of the URL
    .map((segment) => {
      const dynamic = /^\[(.+)\]$/.exec(segment);
      return dynamic ? `{${snakeCase(dynamic[1])}}` : segment;
    });
  return `/${segments.join("/")}/`;
}

function routeEndpoints(): Endpoint[] {
  return routeFiles(V1_DIR).flatMap((file) => {
    const source = path.relative(ROOT, file);
    const methods = exportedMethods(readFileSync(file, "utf8"));
    if (methods.length === 0) return [{ method: "(none)", path: documentedPath(file), source }];
    return methods.map((method) => ({ method, path: documentedPath(file), source }));
  });
}

const HEADING = /^###\s+\S+\s+`?\/api\/v1\b/;
const STRICT_HEADING = /^### (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/api\/v1(?:\/(?:[a-z0-9._-]+|\{[a-z][a-z0-9_]*\}))*\/)$/;

function docHeadings() {
  const lines = readFileSync(DOC_FILE, "utf8").split("\n");
  const endpoints: Endpoint[] = [];
  const malformed: string[] = [];
  lines.forEach((line, index) => {
    if (!HEADING.test(line)) return;
    const match = STRICT_HEADING.exec(line.trimEnd());
    if (match) endpoints.push({ method: match[1], path: match[2], source: `docs/api.md:${index + 1}` });
    else malformed.push(`docs/api.md:${index + 1}: ${line}`);
  });
  return { endpoints, malformed };
}

const list = (items: string[]) => items.map((item) => `  - ${item}`).join("\n");

describe("docs/api.md documents the /api/v1 routes", () => {
  const routes = routeEndpoints();
  const routeKeys = new Set(routes.map((route) => keyOf(route.method, route.path)));
  const { endpoints: headings, malformed } = docHeadings();
  const headingKeys = new Set(headings.map((heading) => keyOf(heading.method, heading.path)));

  it("finds the route files and the methods they export", () => {
    expect(routes.length).toBeGreaterThan(10);
    const withoutMethods = routes.filter((route) => route.method === "(none)").map((route) => route.source);
    expect(withoutMethods, `route.ts files exporting no HTTP method:\n${list(withoutMethods)}`).toEqual([]);
  });

  it("has a `### METHOD /api/v1/…/` heading for every exported method of every route", () => {
    const undocumented = routes
      .filter((route) => route.method !== "(none)" && !headingKeys.has(keyOf(route.method, route.path)))
      .map((route) => `### ${route.method} ${route.path}   (${route.source})`);
    expect(
      undocumented,
      `${undocumented.length} route(s) missing from docs/api.md; add a section with these headings:\n${list(undocumented)}\n`,
    ).toEqual([]);
  });

  it("writes every /api/v1 heading as `### METHOD /api/v1/path/{param}/`", () => {
    expect(malformed, `Malformed endpoint headings (method, path with a trailing slash, {snake_case} params):\n${list(malformed)}\n`).toEqual([]);
  });

  it("documents each endpoint once", () => {
    const seen = new Map<string, string[]>();
    for (const heading of headings) {
      const key = keyOf(heading.method, heading.path);
      seen.set(key, [...(seen.get(key) ?? []), heading.source]);
    }
    const duplicates = [...seen].filter(([, sources]) => sources.length > 1).map(([key, sources]) => `${key} at ${sources.join(", ")}`);
    expect(duplicates, `Endpoints documented more than once:\n${list(duplicates)}\n`).toEqual([]);
  });

  it("has no headings for endpoints without a route file (stale docs)", () => {
    const stale = headings
      .filter((heading) => !routeKeys.has(keyOf(heading.method, heading.path)))
      .map((heading) => `### ${heading.method} ${heading.path}   (${heading.source})`);
    expect(stale, `${stale.length} documented endpoint(s) have no route file under app/api/v1:\n${list(stale)}\n`).toEqual([]);
  });
});

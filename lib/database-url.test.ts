import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, DatabaseUrlError, databaseTarget, findProjectRoot, projectRoot, PROJECT_PACKAGE_NAME } from "./database-url.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("databaseTarget", () => {
  const root = "/srv/portal";

  it.each([
    ["file:./.data/portal.db", "/srv/portal/.data/portal.db"],
    ["file:.data/portal.db", "/srv/portal/.data/portal.db"],
    ["file:../elsewhere/portal.db", "/srv/elsewhere/portal.db"],
    ["file:/var/lib/portal/portal.db", "/var/lib/portal/portal.db"],
    ["file:///var/lib/portal/portal.db", "/var/lib/portal/portal.db"],
    ["file://localhost/var/lib/portal/portal.db", "/var/lib/portal/portal.db"],
    ["file:///var/lib/my%20portal/portal.db", "/var/lib/my portal/portal.db"],
    ["file:./portal.db?connection_limit=1&socket_timeout=10", "/srv/portal/portal.db"],
    ["file:///var/lib/portal/portal.db?mode=rwc", "/var/lib/portal/portal.db"],
    ["file:./portal.db#fragment", "/srv/portal/portal.db"],
    ["file::memory:", ":memory:"],
  ])("%s is the SQLite file %s", (url, file) => {
    expect(databaseTarget(url, { root })).toEqual({ provider: "sqlite", url, file });
  });

  it.each([
    "postgresql://postgres@127.0.0.1:5432/portal",
    "postgres://user:secret@db.internal/portal?sslmode=require",
    "postgresql:///portal?host=/var/run/postgresql",
  ])("%s is PostgreSQL, passed on as written", (url) => {
    expect(databaseTarget(url, { root })).toEqual({ provider: "postgresql", url });
  });

  it.each([
    ["", /must be a file: URL \(SQLite\) or a postgresql:\/\/ URL, got ""/],
    ["portal.db", /must be a file: URL/],
    ["sqlite:./portal.db", /must be a file: URL/],
    ["mysql://root:hunter2@localhost/portal", /got "mysql:\/\/root:\*\*\*@localhost\/portal"$/],
    ["postgresql:/portal", /must be a file: URL/],
    ["postgresql://user:hunter2@[bad/portal", /"postgresql:\/\/user:\*\*\*@\[bad\/portal" is not a valid URL$/],
    ["file:", /names no file$/],
    ["file:?mode=memory", /names no file$/],
    ["file://db-server/share/portal.db", /is not a local file URL/],
  ])("%j is refused with one line", (url, message) => {
    let error: unknown;
    try {
      databaseTarget(url, { root });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("defaults to the project's .data/portal.db, whatever the working directory", () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      expect(databaseTarget()).toEqual({ provider: "sqlite", url: DEFAULT_DATABASE_URL, file: path.join(ROOT, ".data", "portal.db") });
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });
});

describe("findProjectRoot", () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), "project-root-"));
    // A copy of the project's layout elsewhere (as a deployed build would be), and an unrelated project.
    mkdirSync(path.join(scratch, "deployed", ".next", "server", "chunks"), { recursive: true });
    writeFileSync(path.join(scratch, "deployed", "package.json"), JSON.stringify({ name: PROJECT_PACKAGE_NAME }));
    mkdirSync(path.join(scratch, "other", "src"), { recursive: true });
    writeFileSync(path.join(scratch, "other", "package.json"), JSON.stringify({ name: "something-else" }));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("is the folder above lib/ when the module is the real source file, whatever the working directory", () => {
    expect(projectRoot()).toBe(ROOT);
    expect(findProjectRoot({ moduleUrl: pathToFileURL(path.join(ROOT, "lib", "database-url.mjs")).href, cwd: tmpdir() })).toBe(ROOT);
  });

  it("walks up from the working directory when the module's URL is a bundle's", () => {
    const bundled = pathToFileURL(path.join(scratch, "deployed", ".next", "server", "chunks", "ssr", "[root]_lib_database-url_mjs.js")).href;
    expect(findProjectRoot({ moduleUrl: bundled, cwd: path.join(scratch, "deployed") })).toBe(path.join(scratch, "deployed"));
    expect(findProjectRoot({ moduleUrl: bundled, cwd: path.join(scratch, "deployed", ".next", "server") })).toBe(path.join(scratch, "deployed"));
    // A URL that is no file at all (a bundler's own scheme) is no help either.
    expect(findProjectRoot({ moduleUrl: "turbopack:///[project]/lib/database-url.mjs", cwd: path.join(scratch, "deployed") })).toBe(path.join(scratch, "deployed"));
  });

  it("does not take another project's package.json, and falls back to the working directory", () => {
    const bundled = "file:///nowhere/.next/server/chunks/ssr/x.js";
    expect(findProjectRoot({ moduleUrl: bundled, cwd: path.join(scratch, "other", "src") })).toBe(path.join(scratch, "other", "src"));
  });
});

// @ts-check
// DATABASE_URL's default and meaning, in one place for everything that reads
// it: the app (lib/env validates it, lib/db connects with it; bundled by
// Next, run by tsx and by Vitest) and the database scripts (scripts/db, plain
// Node without a TypeScript loader, hence a JSDoc-typed .mjs). One parser, so
// `npm run db:migrate` and the server can never disagree on which SQLite file
// a relative `file:` URL names.
//
// A relative `file:` path resolves against the project root, not the working
// directory: `npm run` sets the working directory to the root, but a script
// started from elsewhere, a process manager or an editor's test runner may
// not, and a database silently created in the wrong folder looks like data
// loss.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DEFAULT_DATABASE_URL = "file:./.data/portal.db";

/** package.json's `name`: how a folder is recognised as this project's root. */
export const PROJECT_PACKAGE_NAME = "tenant-admin-portal";

/** Where this file sits below the project root. */
const MODULE_PATH_IN_PROJECT = path.join("lib", "database-url.mjs");

/**
 * @typedef {{ provider: "sqlite", url: string, file: string }
 *   | { provider: "postgresql", url: string }} DatabaseTarget
 * `file` is an absolute path, or `:memory:`.
 */

/** A DATABASE_URL that names no usable database; the message is one line for the person who set it. */
export class DatabaseUrlError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

/**
 * Whether `dir` is this project's root (its package.json carries the
 * project's name).
 * @param {string} dir
 */
function isProjectRoot(dir) {
  try {
    const manifest = JSON.parse(readFileSync(/*turbopackIgnore: true*/ path.join(dir, "package.json"), "utf8"));
    return manifest?.name === PROJECT_PACKAGE_NAME;
  } catch {
    return false;
  }
}

/**
 * The project root, found in this order:
 *  1. from this module's own location, when that is the real source file
 *     (`<root>/lib/database-url.mjs` exists and `<root>` is this project):
 *     true for the scripts (node), tsx and Vitest whatever the working
 *     directory, and for the Next server run from the checkout (Turbopack
 *     compiles `import.meta.url` to "<the folder holding .next>/<source
 *     path>", computed when the server starts);
 *  2. else walking up from the working directory to the nearest folder whose
 *     package.json has this project's name: a build output deployed without
 *     the sources has no lib/ to point at, and `next start` / `next dev` run
 *     with the project (or a folder in it) as working directory;
 *  3. else the working directory itself, which is what a bare relative path
 *     would have meant anyway.
 * @param {{ moduleUrl?: string, cwd?: string }} [where] injectable for tests
 * @returns {string}
 */
export function findProjectRoot({ moduleUrl = import.meta.url, cwd = process.cwd() } = {}) {
  if (moduleUrl.startsWith("file:")) {
    const file = fileURLToPath(moduleUrl);
    const root = path.resolve(/*turbopackIgnore: true*/ path.dirname(file), "..");
    if (path.relative(root, file) === MODULE_PATH_IN_PROJECT && existsSync(/*turbopackIgnore: true*/ file) && isProjectRoot(root)) {
      return root;
    }
  }
  for (let dir = path.resolve(/*turbopackIgnore: true*/ cwd); ; dir = path.dirname(dir)) {
    if (isProjectRoot(dir)) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return path.resolve(/*turbopackIgnore: true*/ cwd);
}

/** @type {string | undefined} */
let cachedRoot;

/** The project root of this process (found once; see findProjectRoot). */
export function projectRoot() {
  cachedRoot ??= findProjectRoot();
  return cachedRoot;
}

/**
 * The URL without its password, for messages.
 * @param {string} url
 */
export function redactDatabaseUrl(url) {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}

/**
 * Parses DATABASE_URL (default `file:./.data/portal.db`):
 *  - `file:<path>` is SQLite: a relative path resolves against `root` (the
 *    project root), `file:///abs` and `file:/abs` are absolute, `:memory:`
 *    stays as it is; a query string or fragment (Prisma's `?connection_limit=`
 *    and the like) is not part of the file name;
 *  - `postgres://` / `postgresql://` is PostgreSQL, passed on as written;
 *  - anything else throws a DatabaseUrlError with one line naming the problem.
 * @param {string} [url]
 * @param {{ root?: string }} [options] the folder relative paths resolve against; default: projectRoot()
 * @returns {DatabaseTarget}
 */
export function databaseTarget(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL, { root } = {}) {
  if (url.startsWith("file:")) {
    const withoutQuery = url.replace(/[?#].*$/, "");
    let file = withoutQuery.slice("file:".length);
    if (file.startsWith("//")) {
      try {
        file = fileURLToPath(withoutQuery);
      } catch {
        throw new DatabaseUrlError(`DATABASE_URL "${url}" is not a local file URL: use file:./relative/path or file:///absolute/path`);
      }
    }
    if (!file) throw new DatabaseUrlError(`DATABASE_URL "${url}" names no file`);
    if (file === ":memory:") return { provider: "sqlite", url, file };
    return { provider: "sqlite", url, file: path.resolve(/*turbopackIgnore: true*/ root ?? projectRoot(), file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (!URL.canParse(url)) throw new DatabaseUrlError(`DATABASE_URL "${redactDatabaseUrl(url)}" is not a valid URL`);
    return { provider: "postgresql", url };
  }
  throw new DatabaseUrlError(`DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL, got "${redactDatabaseUrl(url)}"`);
}

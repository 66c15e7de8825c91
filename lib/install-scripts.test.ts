// npm runs a dependency's install script only when package.json's allowScripts
// approves it (npm 11 warns about the others, npm 12 skips them). Skipping
// better-sqlite3's would leave the embedded database without its native module
// and `npm install` failing at its own postinstall, so every dependency the lock
// file marks as having an install script must be decided on here, one way or
// the other.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as Record<string, unknown>;

const manifest = read("package.json") as { allowScripts?: Record<string, boolean> };
const lock = read("package-lock.json") as { packages: Record<string, { hasInstallScript?: boolean }> };

/** Package names of the locked dependencies that run an install script. */
const withInstallScripts = Object.entries(lock.packages)
  .filter(([location, entry]) => location !== "" && entry.hasInstallScript)
  .map(([location]) => location.slice(location.lastIndexOf("node_modules/") + "node_modules/".length));

describe("install scripts", () => {
  it("approves better-sqlite3's, which builds the embedded database's native module", () => {
    expect(manifest.allowScripts?.["better-sqlite3"]).toBe(true);
  });

  it("decides on every dependency the lock file says has an install script", () => {
    expect(withInstallScripts.length).toBeGreaterThan(0);
    const undecided = withInstallScripts.filter((name) => typeof manifest.allowScripts?.[name] !== "boolean");
    expect(undecided).toEqual([]);
  });

  it("names only packages that are locked with an install script", () => {
    expect(Object.keys(manifest.allowScripts ?? {}).filter((name) => !withInstallScripts.includes(name))).toEqual([]);
  });
});

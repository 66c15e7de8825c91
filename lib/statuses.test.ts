// Statuses are named through lib/statuses.ts. This scans product code for a
// status written out as a bare string where a status field is set or
// compared (`status: "failed"`, `state === "in_flight"`), the shape a
// forgotten registry use takes.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as statuses from "./statuses";

const ROOT = path.resolve(import.meta.dirname, "..");
const SCANNED = ["app", "lib", "components", "scripts", "proxy.ts"];
// Stripe's own objects carry Stripe's statuses; the simulator speaks Stripe's API.
const SKIPPED = /(^|\/)(node_modules|generated|\.next)(\/|$)|^lib\/stripe\/simulator\/|^lib\/statuses\.ts$|\.test\.tsx?$/;

const registries = (Object.entries(statuses) as [string, unknown][]).filter(
  (entry): entry is [string, Record<string, string>] => typeof entry[1] === "object" && entry[1] !== null,
);
const allValues = [...new Set(registries.flatMap(([, registry]) => Object.values(registry)))];
const bareStatus = new RegExp(`\\b(status|state|trigger|outcome)\\??\\s*(===|!==|:)\\s*"(${allValues.join("|")})"`, "g");

function files(relative: string): string[] {
  const full = path.join(ROOT, relative);
  if (/\.(ts|tsx|mjs)$/.test(relative)) return SKIPPED.test(relative) ? [] : [relative];
  try {
    return readdirSync(full).flatMap((name) => (SKIPPED.test(path.join(relative, name)) ? [] : files(path.join(relative, name))));
  } catch {
    return [];
  }
}

describe("status registries", () => {
  it("each maps names to distinct snake_case values", () => {
    expect(registries.length).toBeGreaterThanOrEqual(8);
    for (const [name, registry] of registries) {
      const values = Object.values(registry);
      expect(new Set(values).size, name).toBe(values.length);
      for (const value of values) expect(value).toMatch(/^[a-z]+(_[a-z]+)*$/);
    }
  });

  it("reads a stored value back as its union, and refuses one it does not know", () => {
    expect(statuses.asStatus(statuses.TENANT_STATUS, "active")).toBe(statuses.TENANT_STATUS.active);
    expect(() => statuses.asStatus(statuses.TENANT_STATUS, "archived")).toThrow('Unknown status "archived"');
  });

  it("are the only place product code writes a status out", () => {
    const found = SCANNED.flatMap(files).flatMap((file) =>
      [...readFileSync(path.join(ROOT, file), "utf8").matchAll(bareStatus)].map((match) => `${file}: ${match[0]}`),
    );
    expect(found).toEqual([]);
  });
});

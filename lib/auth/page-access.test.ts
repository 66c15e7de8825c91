import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { howToGetAccess, isPlatformPage, mayOpenPage, PORTAL_PAGES, PORTAL_PATHS, portalPageFor, whoMayOpen } from "./page-access";

const PORTAL_DIR = path.resolve(import.meta.dirname, "../../app/(portal)");

/** Every page.tsx under app/(portal), as its URL path (route groups dropped) and its source. */
function portalPageFiles(dir = PORTAL_DIR, url = ""): { url: string; source: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isFile()) return entry.name === "page.tsx" ? [{ url: url || "/", source: readFileSync(full, "utf8") }] : [];
    // Private folders (_components) hold no routes; a route group adds no URL segment.
    if (!entry.isDirectory() || entry.name.startsWith("_")) return [];
    return portalPageFiles(full, /^\(.*\)$/.test(entry.name) ? url : `${url}/${entry.name}`);
  });
}

describe("the portal page table and app/(portal) list the same pages", () => {
  const files = portalPageFiles();

  it("finds the pages on disk", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it("has an entry for every page on disk", () => {
    for (const file of files) expect(portalPageFor(file.url), `${file.url} has no PORTAL_PAGES entry`).not.toBeNull();
  });

  it("has a page on disk for every entry", () => {
    const urls = files.map((file) => file.url);
    for (const entry of PORTAL_PATHS) expect(urls, `PORTAL_PAGES lists ${entry}, app/(portal) has no such page`).toContain(entry);
  });

  it("renders every page through portalPage() with its own entry, and no page gates itself", () => {
    for (const file of files) {
      const entry = portalPageFor(file.url);
      expect(file.source, file.url).toContain(`export default portalPage("${entry}"`);
      expect(file.source, `${file.url} renders its own refusal`).not.toContain("AccessDenied");
      expect(file.source, `${file.url} resolves the caller itself`).not.toContain("requirePageCaller");
    }
  });
});

describe("portalPageFor", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/audit-log", "/audit-log"],
    ["/webhooks/msg_123", "/webhooks"],
    // The event catalog is a page of /webhooks: its gate (admins and owners) and its sidebar entry.
    ["/webhooks/events", "/webhooks"],
    ["/api-keys/", "/api-keys"],
    ["/", null],
    ["/login", null],
    ["/teams", null],
    ["/dashboards", null],
    ["/api/v1/auth/tenants/audit-logs/", null],
    ["/stripe-simulator/onboard", null],
  ])("%s belongs to %s", (pathname, expected) => {
    expect(portalPageFor(pathname)).toBe(expected);
  });
});

describe("mayOpenPage", () => {
  it.each([
    ["member", "/dashboard", true],
    ["member", "/team", true],
    ["member", "/audit-log", false],
    ["member", "/api-keys", false],
    ["member", "/webhooks", false],
    ["member", "/stripe", false],
    ["admin", "/audit-log", true],
    ["admin", "/api-keys", true],
    ["owner", "/stripe", true],
    ["owner", "/dashboard", true],
  ] as const)("%s may open %s: %s", (role, page, expected) => {
    expect(mayOpenPage({ role, platformRole: null }, page)).toBe(expected);
  });

  it.each(["owner", "admin", "member"] as const)("a tenant %s who is no operator may not open the platform console", (role) => {
    expect(mayOpenPage({ role, platformRole: null }, "/platform")).toBe(false);
  });

  it.each(["owner", "admin", "member"] as const)("an operator who is a tenant %s may open the platform console", (role) => {
    expect(mayOpenPage({ role, platformRole: "operator" }, "/platform")).toBe(true);
  });

  it("gives an operator nothing more in the tenant: the tenant pages still follow the tenant role", () => {
    const operatorMember = { role: "member", platformRole: "operator" } as const;
    expect(mayOpenPage(operatorMember, "/audit-log")).toBe(false);
    expect(mayOpenPage(operatorMember, "/api-keys")).toBe(false);
    expect(mayOpenPage(operatorMember, "/dashboard")).toBe(true);
  });
});

describe("platform pages", () => {
  it("are the pages under /platform, and only those", () => {
    for (const entry of PORTAL_PATHS) expect(isPlatformPage(entry), entry).toBe(entry === "/platform" || entry.startsWith("/platform/"));
    expect(PORTAL_PATHS.filter(isPlatformPage)).toEqual(["/platform"]);
  });

  it("cover every page below /platform on disk (the tenant detail page included)", () => {
    expect(portalPageFor("/platform/tenants/cmtenant123")).toBe("/platform");
    expect(portalPageFor("/platforms")).toBeNull();
  });
});

describe("the refusal's wording", () => {
  it("names who may open the page", () => {
    expect(whoMayOpen("/audit-log")).toBe("admins and owners");
    expect(whoMayOpen("/dashboard")).toBe("all members");
    expect(whoMayOpen("/platform")).toBe("platform operators");
  });

  it("sends people refused a tenant page to the tenant's owners, and nobody refused the console there", () => {
    expect(howToGetAccess("/audit-log", "Acme")).toBe("Ask an owner of Acme to change your role.");
    expect(howToGetAccess("/platform", "Acme")).not.toContain("Acme");
  });

  it("has a label, a description and a subject for every page", () => {
    for (const entry of PORTAL_PATHS) {
      const page = PORTAL_PAGES[entry];
      expect(page.label.trim(), entry).not.toBe("");
      expect(page.description.trim(), entry).not.toBe("");
      expect(page.subject.trim(), entry).not.toBe("");
    }
  });
});

import { describe, expect, it } from "vitest";
import { auditDateRangeProblem, auditExportUrl, auditFiltersFromParams, auditFiltersToParams, auditQueryFilters, isAuditFiltered, withQuery } from "./audit-filters";

describe("auditFiltersFromParams", () => {
  it.each([
    ["", {}],
    ["q=%20revoked%20&actor=system&category=api_keys&severity=critical&from=2025-03-01&to=2025-03-31", { q: "revoked", actor: "system", category: "api_keys", severity: "critical", from: "2025-03-01", to: "2025-03-31" }],
    ["action=auth.signed_in", { action: "auth.signed_in" }],
    // Each bad one is dropped alone; the rest still apply.
    ["category=platform&severity=fatal&actor=a%20b&q=revoked", { q: "revoked" }],
    ["from=2025-02-30&to=yesterday&action=nope", {}],
    ["q=&actor=", {}],
    // Kept, to be shown with its problem.
    ["from=2025-03-02&to=2025-03-01", { from: "2025-03-02", to: "2025-03-01" }],
  ])("reads %j", (query, expected) => {
    expect(auditFiltersFromParams(new URLSearchParams(query))).toEqual(expected);
  });

  it("reads Next's searchParams objects, first value of a repeated one", () => {
    expect(auditFiltersFromParams({ severity: ["warning", "critical"], actor: undefined })).toEqual({ severity: "warning" });
  });
});

describe("auditFiltersToParams and the export URL", () => {
  it("writes set filters in a fixed order, then the page and the open entry", () => {
    expect(auditFiltersToParams({ to: "2025-03-31", q: "key", severity: "warning" }, { cursor: "c1", entry: "e1" }).toString()).toBe("q=key&severity=warning&to=2025-03-31&cursor=c1&entry=e1");
    expect(withQuery("/audit-log", auditFiltersToParams({}))).toBe("/audit-log");
  });

  it("round-trips through the URL", () => {
    const filters = { q: "a&b=c", actor: "cmi1u5er0000ada0000000001", category: "webhooks" as const, from: "2025-03-01" };
    expect(auditFiltersFromParams(auditFiltersToParams(filters))).toEqual(filters);
  });

  it("leaves an impossible range out of the query and the export, and says why", () => {
    const filters = { from: "2025-03-02", to: "2025-03-01", severity: "info" };
    expect(auditDateRangeProblem(filters)).toBe("The start date is after the end date.");
    expect(auditQueryFilters(filters)).toEqual({ severity: "info" });
    expect(auditExportUrl(filters)).toBe("/api/v1/auth/tenants/audit-logs/export/?severity=info");
    expect(auditDateRangeProblem({ from: "2025-03-01", to: "2025-03-01" })).toBeNull();
    expect(auditExportUrl({})).toBe("/api/v1/auth/tenants/audit-logs/export/");
  });

  it("knows when anything narrows the list", () => {
    expect(isAuditFiltered({})).toBe(false);
    expect(isAuditFiltered({ q: "x" })).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { dateRangeProblem, filtersFromParams, filtersToApiQuery, filtersToParams, isFiltered, isIsoDay } from "./payment-filters";

describe("payment filters in the URL", () => {
  it("reads every filter the page's URL can carry", () => {
    const params = new URLSearchParams("status=succeeded&currency=eur&from=2026-03-01&to=2026-03-31&mode=test&payment=pay_abc");
    expect(filtersFromParams(params)).toEqual({ status: "succeeded", currency: "eur", from: "2026-03-01", to: "2026-03-31", mode: "test" });
  });

  it("defaults to live mode and no filters", () => {
    expect(filtersFromParams(new URLSearchParams(""))).toEqual({ mode: "live" });
    expect(filtersFromParams({})).toEqual({ mode: "live" });
  });

  it.each([
    ["status=refunded", { mode: "live" }],
    ["currency=xyz", { mode: "live" }],
    ["currency=EUR", { currency: "eur", mode: "live" }],
    ["from=2026-02-30", { mode: "live" }],
    ["to=yesterday", { mode: "live" }],
    ["mode=production", { mode: "live" }],
    ["status=", { mode: "live" }],
  ])("drops what it cannot use: %s", (query, expected) => {
    expect(filtersFromParams(new URLSearchParams(query))).toEqual(expected);
  });

  it("reads a server page's searchParams record, first value of a repeated one", () => {
    expect(filtersFromParams({ status: ["failed", "succeeded"], currency: "jpy", mode: "test" })).toEqual({ status: "failed", currency: "jpy", mode: "test" });
  });

  it("writes them back, leaving defaults out and keeping the open payment", () => {
    expect(filtersToParams({ mode: "live" }).toString()).toBe("");
    expect(filtersToParams({ status: "failed", currency: "usd", from: "2026-01-01", to: "2026-01-31", mode: "test" }, { payment: "pay_1" }).toString()).toBe(
      "status=failed&currency=usd&from=2026-01-01&to=2026-01-31&mode=test&payment=pay_1",
    );
  });

  it("round-trips", () => {
    const filters = { status: "processing", currency: "kwd", from: "2025-12-31", mode: "test" } as const;
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
  });
});

describe("the API query", () => {
  it("turns days into the UTC day's first and last moment, and always names the mode", () => {
    expect(filtersToApiQuery({ from: "2026-03-01", to: "2026-03-31", mode: "live" })).toBe(
      "created_gte=2026-03-01T00%3A00%3A00.000Z&created_lte=2026-03-31T23%3A59%3A59.999Z&mode=live",
    );
  });

  it("adds status, currency, the page size and the cursor", () => {
    expect(filtersToApiQuery({ status: "succeeded", currency: "eur", mode: "test" }, { limit: 25, cursor: "abc" })).toBe(
      "status=succeeded&currency=eur&mode=test&limit=25&cursor=abc",
    );
  });
});

describe("helpers", () => {
  it("knows real days", () => {
    expect(isIsoDay("2024-02-29")).toBe(true);
    expect(isIsoDay("2025-02-29")).toBe(false);
    expect(isIsoDay("2025-1-01")).toBe(false);
  });

  it("says whether anything beyond the mode narrows the list", () => {
    expect(isFiltered({ mode: "test" })).toBe(false);
    expect(isFiltered({ mode: "live", to: "2026-01-01" })).toBe(true);
  });

  it("names a range that ends before it starts", () => {
    expect(dateRangeProblem({ from: "2026-02-01", to: "2026-01-01" })).toBe("The start date is after the end date.");
    expect(dateRangeProblem({ from: "2026-01-01", to: "2026-01-01" })).toBeNull();
    expect(dateRangeProblem({ from: "2026-01-01" })).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { slugify } from "./register-tenant";

describe("slugify", () => {
  it("makes URL-safe slugs", () => {
    expect(slugify("Acme Payments, Inc.")).toBe("acme-payments-inc");
    expect(slugify("  Crème Brûlée  ")).toBe("creme-brulee");
    expect(slugify("!!!")).toBe("tenant");
    expect(slugify("x".repeat(80))).toHaveLength(40);
  });
});

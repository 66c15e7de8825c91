import { describe, expect, it } from "vitest";
import { asRole, hasRole } from "./roles";

describe("hasRole", () => {
  it("orders owner > admin > member", () => {
    expect(hasRole("owner", "admin")).toBe(true);
    expect(hasRole("admin", "admin")).toBe(true);
    expect(hasRole("member", "admin")).toBe(false);
    expect(hasRole("admin", "owner")).toBe(false);
    expect(hasRole("member", "member")).toBe(true);
  });

  it("refuses unknown roles", () => {
    expect(() => asRole("superuser")).toThrow();
  });
});

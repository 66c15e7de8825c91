import { describe, expect, it } from "vitest";
import { asPlatformRole, asRole, hasRole, PLATFORM_ROLES } from "./roles";

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

describe("asPlatformRole", () => {
  it.each([
    [null, null],
    ["operator", PLATFORM_ROLES.operator],
  ])("reads %s as %s", (stored, expected) => {
    expect(asPlatformRole(stored)).toBe(expected);
  });

  it.each(["owner", "admin", "Operator", ""])("refuses %j: a tenant role is never a platform role", (stored) => {
    expect(() => asPlatformRole(stored)).toThrow();
  });
});

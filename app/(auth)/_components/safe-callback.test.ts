import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackUrl("/audit-log?action=auth.signed_in")).toBe("/audit-log?action=auth.signed_in");
    expect(safeCallbackUrl("/api-keys#revoked")).toBe("/api-keys#revoked");
  });

  it("drops anything that leaves the site, however it is spelled", () => {
    for (const value of ["https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "\\\\evil.example", "javascript:alert(1)", "", null, undefined]) {
      expect(safeCallbackUrl(value), JSON.stringify(value)).toBe("/dashboard");
    }
  });
});

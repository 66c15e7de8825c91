import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths and drops everything else", () => {
    expect(safeCallbackUrl("/audit-log?action=auth.signed_in")).toBe("/audit-log?action=auth.signed_in");
    expect(safeCallbackUrl("https://evil.example/")).toBe("/dashboard");
    expect(safeCallbackUrl("//evil.example/")).toBe("/dashboard");
    expect(safeCallbackUrl("/\\evil.example")).toBe("/dashboard");
    expect(safeCallbackUrl(null)).toBe("/dashboard");
  });
});

import { describe, expect, it } from "vitest";
import { requestMetaFromHeaders } from "./request-meta";

describe("requestMetaFromHeaders", () => {
  it("takes the address our proxy appended, ignoring what the client wrote before it", () => {
    expect(requestMetaFromHeaders(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" })).ip).toBe("203.0.113.7");
    expect(requestMetaFromHeaders(new Headers({ "x-forwarded-for": "203.0.113.7" })).ip).toBe("203.0.113.7");
    expect(requestMetaFromHeaders({ "x-forwarded-for": ["1.1.1.1,  198.51.100.2 "] }).ip).toBe("198.51.100.2");
  });

  it("falls back to X-Real-IP, then to nothing", () => {
    expect(requestMetaFromHeaders(new Headers({ "x-real-ip": "192.0.2.9" })).ip).toBe("192.0.2.9");
    expect(requestMetaFromHeaders(new Headers()).ip).toBeNull();
  });

  it("keeps at most 512 characters of the user agent", () => {
    expect(requestMetaFromHeaders(new Headers({ "user-agent": "x".repeat(600) })).userAgent).toHaveLength(512);
  });
});

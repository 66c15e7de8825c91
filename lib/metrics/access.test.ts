import { describe, expect, it } from "vitest";
import { metricsAccess } from "./access";

const TOKEN = "metrics-token-0123456789abcdef";
const bearer = (value: string) => new Headers({ authorization: `Bearer ${value}` });

describe("metricsAccess", () => {
  it("is off without a configured token, whatever is sent", () => {
    expect(metricsAccess(new Headers(), undefined)).toBe("off");
    expect(metricsAccess(bearer(TOKEN), undefined)).toBe("off");
  });

  it("lets in the exact token only", () => {
    expect(metricsAccess(bearer(TOKEN), TOKEN)).toBe("allowed");
    expect(metricsAccess(new Headers({ authorization: `bearer   ${TOKEN}` }), TOKEN)).toBe("allowed");
    for (const wrong of [TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), "x"]) expect(metricsAccess(bearer(wrong), TOKEN), wrong).toBe("denied");
    expect(metricsAccess(new Headers(), TOKEN)).toBe("denied");
    expect(metricsAccess(new Headers({ authorization: `Basic ${TOKEN}` }), TOKEN)).toBe("denied");
  });
});

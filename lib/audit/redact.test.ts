import { describe, expect, it } from "vitest";
import { generateKey } from "@/lib/api-keys/key-format";
import { redactDeep, redactSecrets } from "./redact";

describe("redactSecrets", () => {
  it("cuts secret keys and webhook secrets to their prefix", () => {
    const live = generateKey("secret", "live").key;
    const test = generateKey("secret", "test").key;
    expect(redactSecrets(`leaked ${live} and ${test}.`)).toBe("leaked sk_live_[redacted] and sk_test_[redacted].");
    expect(redactSecrets("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw was posted")).toBe("whsec_[redacted] was posted");
  });

  it("leaves ordinary text and publishable keys alone", () => {
    const publishable = generateKey("publishable", "live").key;
    expect(redactSecrets(`Rotating after the sk_live_ prefix showed up in logs; ${publishable}`)).toBe(
      `Rotating after the sk_live_ prefix showed up in logs; ${publishable}`,
    );
  });

  it("redacts inside nested metadata", () => {
    const key = generateKey("secret", "live").key;
    expect(redactDeep({ note: key, list: [key, 3], nested: { deep: `x ${key}` }, n: 1, none: null })).toEqual({
      note: "sk_live_[redacted]",
      list: ["sk_live_[redacted]", 3],
      nested: { deep: "x sk_live_[redacted]" },
      n: 1,
      none: null,
    });
  });
});

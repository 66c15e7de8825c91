import { describe, expect, it } from "vitest";
import { generateKey } from "@/lib/api-keys/key-format";
import { redactDeep, redactSecrets, redactUrl, restoreRedactedUrl } from "./redact";

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

describe("redactUrl", () => {
  it.each([
    ["https://x.example/hook?token=abc&id=1", "https://x.example/hook?token=****&id=1"],
    ["https://x.example/hook?api_key=k1&apiKey=k2&access_token=t&X-Amz-Signature=s&sig=9&password=p&auth=a", "https://x.example/hook?api_key=****&apiKey=****&access_token=****&X-Amz-Signature=****&sig=****&password=****&auth=****"],
    ["https://x.example/hook?secret=&key=v", "https://x.example/hook?secret=&key=****"],
    ["https://x.example/hook?id=1&page=2&design=x", "https://x.example/hook?id=1&page=2&design=x"],
    ["https://x.example/hook#access_token=t&state=s", "https://x.example/hook#access_token=****&state=s"],
    ["https://user:pw@x.example/hook", "https://user:****@x.example/hook"],
    ["https://x.example/a%20b?Token=a%2Fb+c", "https://x.example/a%20b?Token=****"],
    ["https://x.example/hook", "https://x.example/hook"],
  ])("%s → %s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it("redacts URLs inside free text and audit metadata", () => {
    expect(redactSecrets("moved to https://x.example/h?token=abc&id=1, then back")).toBe("moved to https://x.example/h?token=****&id=1, then back");
    expect(redactDeep({ url: "https://x.example/h?token=abc", previous_url: null })).toEqual({ url: "https://x.example/h?token=****", previous_url: null });
  });
});

describe("restoreRedactedUrl", () => {
  const stored = "https://x.example/hook?token=abc&id=1&token=def";
  it.each([
    ["the redacted URL saved back unchanged", redactUrl(stored), stored],
    ["another path, same redacted token", "https://x.example/v2?token=****&id=2&token=****", "https://x.example/v2?token=abc&id=2&token=def"],
    ["a new token", "https://x.example/hook?token=new&id=1", "https://x.example/hook?token=new&id=1"],
    ["**** in a parameter that is not a credential", "https://x.example/hook?id=****", "https://x.example/hook?id=****"],
  ])("%s", (_name, submitted, expected) => {
    expect(restoreRedactedUrl(submitted, stored)).toBe(expected);
  });

  it("keeps the submitted URL when nothing is stored", () => {
    expect(restoreRedactedUrl("https://x.example/hook?token=****", null)).toBe("https://x.example/hook?token=****");
  });
});

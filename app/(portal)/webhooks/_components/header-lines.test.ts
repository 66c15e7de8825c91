import { describe, expect, it } from "vitest";
import { headerLines } from "./header-lines";

describe("headerLines", () => {
  it("puts each header on its own line as name: value, in the order sent", () => {
    expect(headerLines({ "webhook-id": "msg_1", "webhook-timestamp": "1700000000", "webhook-signature": "v1,abc=" })).toBe(
      "webhook-id: msg_1\nwebhook-timestamp: 1700000000\nwebhook-signature: v1,abc=",
    );
  });

  it("is empty for no headers", () => {
    expect(headerLines({})).toBe("");
  });
});

import { describe, expect, it } from "vitest";
import { shortId } from "./short-id";

describe("shortId", () => {
  it("keeps the first eight and the last four characters of a long id", () => {
    expect(shortId("req_8fJqAbCdEfGhIjKlMnOpx2Lp")).toBe("req_8fJq…x2Lp");
  });

  it("leaves an id of sixteen characters or fewer whole", () => {
    expect(shortId("pay_123456789012")).toBe("pay_123456789012");
    expect(shortId("msg_1")).toBe("msg_1");
  });

  it("shortens from the seventeenth character on", () => {
    expect(shortId("pay_1234567890123")).toBe("pay_1234…0123");
  });
});

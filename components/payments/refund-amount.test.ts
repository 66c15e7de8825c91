import { describe, expect, it } from "vitest";
import { checkRefundAmount, refundAmountInput } from "./refund-amount";

describe("refundAmountInput", () => {
  it.each([
    [2000, "eur", "20.00"],
    [1000, "jpy", "1000"],
    [1500, "kwd", "1.500"],
  ] as const)("%i %s → %s", (amount, currency, expected) => {
    expect(refundAmountInput(amount, currency)).toBe(expected);
  });
});

describe("checkRefundAmount", () => {
  it.each([
    ["5", "eur", 2000, 500],
    ["5.00", "eur", 2000, 500],
    ["20.00", "eur", 2000, 2000],
    [" 0.5 ", "usd", 2000, 50],
    ["500", "jpy", 1000, 500],
    ["500.00", "jpy", 1000, 500],
    ["1.5", "kwd", 2000, 1500],
    ["1.510", "kwd", 2000, 1510],
  ] as const)("accepts %j in %s (refundable %i) as %i", (input, currency, refundable, amount) => {
    expect(checkRefundAmount(input, currency, refundable)).toEqual({ ok: true, amount });
  });

  it.each([
    ["", "eur", 2000, "Enter the amount to refund."],
    ["   ", "eur", 2000, "Enter the amount to refund."],
    ["0", "eur", 2000, "Enter an amount greater than zero."],
    ["0.00", "eur", 2000, "Enter an amount greater than zero."],
    ["5.001", "eur", 2000, "EUR amounts have at most 2 decimals."],
    ["5.5", "jpy", 1000, "JPY has no decimals: enter a whole amount."],
    ["1.505", "kwd", 2000, "KWD amounts must end in 0 (steps of 0.010)."],
    ["1.5051", "kwd", 2000, "KWD amounts have at most 3 decimals."],
    ["-5", "eur", 2000, "Enter the amount as a number, such as 5.00."],
    ["1,000", "jpy", 5000, "Enter the amount as a number, such as 500."],
    ["abc", "kwd", 2000, "Enter the amount as a number, such as 5.000."],
    ["20.01", "eur", 2000, "At most €20.00 can be refunded."],
    ["1001", "jpy", 1000, "At most ¥1,000 can be refunded."],
  ] as const)("refuses %j in %s (refundable %i): %s", (input, currency, refundable, message) => {
    expect(checkRefundAmount(input, currency, refundable)).toEqual({ ok: false, message });
  });

  it("names the limit in the viewer's locale", () => {
    expect(checkRefundAmount("30", "eur", 2000, "de-DE")).toEqual({ ok: false, message: "At most 20,00\u00a0€ can be refunded." });
  });
});

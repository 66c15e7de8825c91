import { describe, expect, it } from "vitest";
import { balanceRows } from "./balance-rows";

describe("balanceRows", () => {
  it.each([
    ["an empty balance", { available: [], pending: [] }, []],
    [
      "one currency in both lists",
      { available: [{ currency: "eur", amount: 100 }], pending: [{ currency: "eur", amount: 5 }] },
      [{ currency: "eur", available: 100, pending: 5 }],
    ],
    [
      "a currency only pending, after the available ones",
      { available: [{ currency: "usd", amount: 0 }], pending: [{ currency: "usd", amount: 0 }, { currency: "jpy", amount: 1000 }] },
      [
        { currency: "usd", available: 0, pending: 0 },
        { currency: "jpy", available: 0, pending: 1000 },
      ],
    ],
    ["a negative available balance (refunds after a payout) stays negative", { available: [{ currency: "eur", amount: -250 }], pending: [] }, [{ currency: "eur", available: -250, pending: 0 }]],
  ])("%s", (_label, balance, rows) => {
    expect(balanceRows(balance)).toEqual(rows);
  });
});

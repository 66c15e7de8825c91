import { describe, expect, it } from "vitest";
import { PLATFORM_DEFAULT_FEE_SCHEDULE } from "@/lib/money/fees";
import { bpsToPercent, formValuesFromSchedule, newRow, percentToBps, placeIssues, previewAmount, previewLine, scheduleFromFormValues, type FeeFormValues, type FeeRow } from "./fee-schedule-form";

const row = (id: number, currency: FeeRow["currency"], parts: Partial<Pick<FeeRow, "fixed" | "minimum" | "maximum">> = {}): FeeRow => ({
  id,
  currency,
  fixed: "",
  minimum: "",
  maximum: "",
  ...parts,
});

describe("percentToBps", () => {
  it.each([
    ["2.9", 290],
    ["2.90", 290],
    [" 1.5 ", 150],
    ["0", 0],
    ["0.01", 1],
    [".5", 50],
    ["3.", 300],
    ["100", 10_000],
    ["100.00", 10_000],
    // Above 100% is a number still: the schema refuses it with its own message.
    ["150", 15_000],
  ])("%j → %d", (text, bps) => {
    expect(percentToBps(text)).toBe(bps);
  });

  it.each(["", " ", "abc", "-1", "+2", "2.905", "1e2", "2,9", "2.9%", "."])("%j is no percentage", (text) => {
    expect(percentToBps(text)).toBeNull();
  });
});

describe("bpsToPercent", () => {
  it.each([
    [290, "2.90"],
    [150, "1.50"],
    [1, "0.01"],
    [0, "0.00"],
    [10_000, "100.00"],
  ])("%d → %s", (bps, text) => {
    expect(bpsToPercent(bps)).toBe(text);
    expect(percentToBps(text)).toBe(bps);
  });
});

describe("formValuesFromSchedule", () => {
  it("gives one row per currency any part names, in the registry's order, amounts in major units per exponent", () => {
    const values = formValuesFromSchedule({ percent_bps: 150, fixed: { jpy: 30, eur: 25 }, minimum: { kwd: 100 }, maximum: { eur: 500 } });
    expect(values).toEqual({
      percent: "1.50",
      rows: [
        { id: 0, currency: "eur", fixed: "0.25", minimum: "", maximum: "5.00" },
        { id: 1, currency: "jpy", fixed: "30", minimum: "", maximum: "" },
        { id: 2, currency: "kwd", fixed: "", minimum: "0.100", maximum: "" },
      ],
    });
  });

  it("round-trips the built-in default schedule", () => {
    const values = formValuesFromSchedule(PLATFORM_DEFAULT_FEE_SCHEDULE);
    expect(values.rows).toHaveLength(Object.keys(PLATFORM_DEFAULT_FEE_SCHEDULE.fixed).length);
    expect(scheduleFromFormValues(values)).toEqual({ schedule: PLATFORM_DEFAULT_FEE_SCHEDULE });
  });
});

describe("newRow", () => {
  it("takes the first currency not listed yet and an id no row has", () => {
    expect(newRow([])).toEqual(row(0, "usd"));
    expect(newRow([row(4, "usd"), row(1, "eur")])).toEqual(row(5, "gbp"));
  });
});

describe("scheduleFromFormValues", () => {
  it("converts the percentage to basis points and each currency's major amounts to minor units", () => {
    const values: FeeFormValues = {
      percent: "1.50",
      rows: [row(0, "eur", { fixed: "0.25", maximum: "5" }), row(1, "jpy", { fixed: "30", minimum: "50" }), row(2, "kwd", { fixed: "0.08" })],
    };
    expect(scheduleFromFormValues(values)).toEqual({
      schedule: { percent_bps: 150, fixed: { eur: 25, jpy: 30, kwd: 80 }, minimum: { jpy: 50 }, maximum: { eur: 500 } },
    });
  });

  it("leaves out blank amounts and rows, so a percentage alone is a whole schedule", () => {
    expect(scheduleFromFormValues({ percent: "2", rows: [row(0, "usd")] })).toEqual({ schedule: { percent_bps: 200 } });
  });

  it("says which field is wrong when an amount has more decimals than its currency, or is no number", () => {
    const result = scheduleFromFormValues({
      percent: "2.9",
      rows: [row(0, "jpy", { fixed: "0.5" }), row(1, "usd", { minimum: "1.234" }), row(2, "kwd", { maximum: "abc" })],
    });
    expect(result.errors).toEqual({
      rows: {
        0: { fixed: "Give an amount in whole JPY, without decimals." },
        1: { minimum: "Give an amount in USD with at most 2 decimals." },
        2: { maximum: "Give an amount in KWD with at most 3 decimals." },
      },
    });
  });

  it("refuses a currency listed twice on the second row", () => {
    const result = scheduleFromFormValues({ percent: "1", rows: [row(0, "eur", { fixed: "0.25" }), row(1, "eur", { fixed: "0.30" })] });
    expect(result.errors?.rows).toEqual({ 1: { currency: "EUR is already listed above." } });
  });

  it("shows the shared schema's messages on the field they are about", () => {
    const over = scheduleFromFormValues({ percent: "101", rows: [] });
    expect(over.errors?.percent).toBe("percent_bps is at most 10000 (100%).");

    const inverted = scheduleFromFormValues({ percent: "1", rows: [row(0, "usd"), row(7, "eur", { minimum: "5", maximum: "1" })] });
    expect(inverted.errors).toEqual({ rows: { 1: { minimum: "The minimum for eur is above its maximum." } } });

    const huge = scheduleFromFormValues({ percent: "1", rows: [row(0, "usd", { fixed: "1000000" })] });
    expect(huge.errors?.rows[0]).toEqual({ fixed: "The fixed fee for usd is above the largest charge Stripe accepts." });
  });

  it("refuses a percentage that is no number, alongside the rows' own problems", () => {
    const result = scheduleFromFormValues({ percent: "two", rows: [row(0, "usd", { fixed: "x" })] });
    expect(result.errors?.percent).toBe("Give the percentage as a number with at most two decimals, such as 2.9 or 2.90.");
    expect(result.errors?.rows[0]).toEqual({ fixed: "Give an amount in USD with at most 2 decimals." });
  });
});

describe("placeIssues", () => {
  it("puts the API's validation_error details on the fields they name", () => {
    const values: FeeFormValues = { percent: "1", rows: [row(3, "usd"), row(9, "eur")] };
    const errors = placeIssues(values, [
      { path: ["percent_bps"], message: "percent_bps is at most 10000 (100%)." },
      { path: ["maximum", "eur"], message: "Too big." },
      { path: ["maximum", "eur"], message: "A second message for the same field." },
      { path: ["fixed", "gbp"], message: "A currency the form does not list." },
      { path: [], message: "Unrecognized key: percent" },
    ]);
    expect(errors).toEqual({
      percent: "percent_bps is at most 10000 (100%).",
      rows: { 1: { maximum: "Too big." } },
      form: "A currency the form does not list.",
    });
  });
});

describe("the preview", () => {
  it.each([
    [{ percent_bps: 150, fixed: { eur: 25 } }, "eur", "A €20.00 payment pays €0.55"],
    [{ percent_bps: 290, fixed: { usd: 30 } }, "usd", "A $20.00 payment pays $0.88"],
    [{ percent_bps: 290, fixed: { jpy: 30 } }, "jpy", "A ¥2,000 payment pays ¥88"],
    [{ percent_bps: 100, fixed: { kwd: 80 } }, "kwd", "A KWD\u00a020.000 payment pays KWD\u00a00.280"],
    // The minimum and the maximum apply, as on a real payment.
    [{ percent_bps: 0, minimum: { usd: 100 } }, "usd", "A $20.00 payment pays $1.00"],
    [{ percent_bps: 5000, maximum: { usd: 300 } }, "usd", "A $20.00 payment pays $3.00"],
    [{ percent_bps: 0 }, "gbp", "A £20.00 payment pays £0.00"],
  ] as const)("%j in %s: %s", (schedule, currency, line) => {
    expect(previewLine(schedule, currency)).toBe(line);
  });

  it("uses 20 in the major unit, or 2,000 where there are no decimals", () => {
    expect(previewAmount("usd")).toBe(2000);
    expect(previewAmount("kwd")).toBe(20_000);
    expect(previewAmount("jpy")).toBe(2000);
  });
});

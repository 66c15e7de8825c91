import { describe, expect, it } from "vitest";
import { staleNotice, volumeSummary } from "./overview-view";

const NOW = Date.parse("2026-11-26T06:00:00.000Z");

describe("volumeSummary", () => {
  it.each([
    ["no payments", [{ date: "2026-11-25", amount: 0 }], "eur", "No succeeded payments in EUR in the last 30 days."],
    ["one day", [{ date: "2026-11-25", amount: 0 }, { date: "2026-11-26", amount: 2000 }], "eur", "€20.00 over the last 30 days, on 1 day with payments."],
    ["several days, a zero-decimal currency", [{ date: "2026-11-24", amount: 1000 }, { date: "2026-11-26", amount: 500 }], "jpy", "¥1,500 over the last 30 days, on 2 days with payments."],
  ])("%s", (_label, points, currency, sentence) => {
    expect(volumeSummary(points, currency, "en-US")).toBe(sentence);
  });
});

describe("staleNotice", () => {
  it.each([
    ["fresh figures: nothing to say", { stale: false, fetched_at: "2026-11-26T05:59:30.000Z" }, null],
    ["stale, with earlier figures", { stale: true, fetched_at: "2026-11-26T05:00:00.000Z" }, "Stripe could not be reached; showing figures from 1 hour ago."],
    ["stale, a few minutes old", { stale: true, fetched_at: "2026-11-26T05:57:00.000Z" }, "Stripe could not be reached; showing figures from 3 minutes ago."],
    ["stale, none ever read", { stale: true, fetched_at: null }, "Stripe could not be reached, and no figures have been read from it yet. They appear once Stripe answers."],
  ])("%s", (_label, overview, notice) => {
    expect(staleNotice(overview, NOW)).toBe(notice);
  });
});

import { describe, expect, it } from "vitest";
import { healthSentence } from "./health-words";
import type { HealthFigures } from "./queries";

const figures = (fields: Partial<HealthFigures>): HealthFigures => ({
  attempts: 0,
  succeeded: 0,
  failed: 0,
  success_rate: null,
  avg_response_ms: null,
  max_response_ms: null,
  ...fields,
});

describe("healthSentence", () => {
  it.each([
    [figures({}), "24h", "No delivery attempts in the last 24 hours."],
    [figures({}), "7d", "No delivery attempts in the last 7 days."],
    [
      figures({ attempts: 120, succeeded: 117, failed: 3, success_rate: 0.975, avg_response_ms: 84 }),
      "24h",
      "117 of 120 attempts succeeded in the last 24 hours (97.5%), 3 failed; average response 84 ms.",
    ],
    [figures({ attempts: 1, succeeded: 1, success_rate: 1, avg_response_ms: 12.6 }), "7d", "1 of 1 attempt succeeded in the last 7 days (100%), 0 failed; average response 13 ms."],
    [
      figures({ attempts: 2802, succeeded: 2790, failed: 12, success_rate: 2790 / 2802, avg_response_ms: 1077 }),
      "7d",
      "2,790 of 2,802 attempts succeeded in the last 7 days (99.6%), 12 failed; average response 1,077 ms.",
    ],
  ] as const)("%o over %s", (input, window, expected) => {
    expect(healthSentence(input, window, "en-US")).toBe(expected);
  });
});

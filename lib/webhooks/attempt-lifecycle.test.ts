import { describe, expect, it } from "vitest";
import {
  attemptsInCurrentSchedule,
  decideAfterAttempt,
  decideBeforeSend,
  DISABLE_AFTER_FAILING_MS,
  failingSinceAfterPause,
  DISABLE_REASONS,
  type AttemptDecision,
  type FailedAttemptFacts,
} from "./attempt-lifecycle";

const now = new Date("2026-11-26T10:00:00Z");
const mid = () => 0.5;
const at = (ms: number) => new Date(now.getTime() + ms);
const healthy = { url: "https://hooks.example.com/x", enabled: true, failingSince: null };

function failed(overrides: Partial<FailedAttemptFacts> = {}): FailedAttemptFacts {
  return {
    outcome: "failed",
    trigger: "scheduled",
    statusCode: 500,
    leaseLost: false,
    messageDelivered: false,
    endpointUnsaved: false,
    endpoint: healthy,
    scheduledAttempts: 1,
    pendingScheduledAt: null,
    ...overrides,
  };
}

describe("decideBeforeSend", () => {
  const cases: [string, Parameters<typeof decideBeforeSend>, ReturnType<typeof decideBeforeSend>["kind"], string?][] = [
    ["no endpoint row", [null, "scheduled"], "cancel", "No endpoint URL is configured."],
    ["URL removed", [{ url: null, enabled: true }, "manual"], "cancel", "No endpoint URL is configured."],
    ["disabled, scheduled", [{ url: "https://x.example", enabled: false }, "scheduled"], "cancel", "The endpoint is disabled."],
    ["disabled, a person's retry", [{ url: "https://x.example", enabled: false }, "manual"], "send"],
    ["disabled, a test", [{ url: "https://x.example", enabled: false }, "test"], "send"],
    ["enabled, scheduled", [{ url: "https://x.example", enabled: true }, "scheduled"], "send"],
    ["disabled, recovery (queued before it was disabled)", [{ url: "https://x.example", enabled: false }, "recovery"], "cancel", "The endpoint is disabled."],
    ["enabled, recovery", [{ url: "https://x.example", enabled: true }, "recovery"], "send"],
  ];
  it.each(cases)("%s → %s", (_name, args, kind, reason) => {
    const decision = decideBeforeSend(...args);
    expect(decision.kind).toBe(kind);
    if (decision.kind === "cancel") expect(decision.reason).toBe(reason);
    else expect(decision.url).toBe("https://x.example");
  });
});

describe("decideAfterAttempt", () => {
  const cases: [string, Parameters<typeof decideAfterAttempt>[0], AttemptDecision][] = [
    // Successes
    ["first success", { outcome: "succeeded", attemptNumber: 1, endpointFailing: false }, { kind: "delivered", cancelWaitingAttempts: false, clearFailingSince: false }],
    ["success after failures", { outcome: "succeeded", attemptNumber: 3, endpointFailing: true }, { kind: "delivered", cancelWaitingAttempts: true, clearFailingSince: true }],
    // Races
    ["lease lost to another worker", failed({ leaseLost: true }), { kind: "nothing" }],
    ["another attempt delivered meanwhile", failed({ messageDelivered: true }), { kind: "nothing" }],
    ["endpoint removed while in flight", failed({ endpoint: { ...healthy, url: null } }), { kind: "give_up", startFailingSince: false }],
    ["endpoint row gone", failed({ endpoint: null }), { kind: "give_up", startFailingSince: false }],
    ["endpoint disabled while in flight", failed({ endpoint: { ...healthy, enabled: false } }), { kind: "give_up", startFailingSince: false }],
    // Disabling
    ["410 Gone", failed({ statusCode: 410 }), { kind: "disable_endpoint", reason: DISABLE_REASONS.gone }],
    ["410 Gone to a test", failed({ statusCode: 410, trigger: "test" }), { kind: "disable_endpoint", reason: DISABLE_REASONS.gone }],
    [
      "failing for 5 days",
      failed({ endpoint: { ...healthy, failingSince: new Date(now.getTime() - DISABLE_AFTER_FAILING_MS) } }),
      { kind: "disable_endpoint", reason: DISABLE_REASONS.failingTooLong },
    ],
    [
      "failing for just under 5 days",
      failed({ endpoint: { ...healthy, failingSince: new Date(now.getTime() - DISABLE_AFTER_FAILING_MS + 1) } }),
      { kind: "retry", at: at(5_000), startFailingSince: false },
    ],
    // Scheduled retries
    ["first failure starts the failing streak", failed(), { kind: "retry", at: at(5_000), startFailingSince: true }],
    ["timeout (no status code)", failed({ statusCode: null }), { kind: "retry", at: at(5_000), startFailingSince: true }],
    ["second failure", failed({ scheduledAttempts: 2 }), { kind: "retry", at: at(300_000), startFailingSince: true }],
    ["schedule exhausted", failed({ scheduledAttempts: 10 }), { kind: "give_up", startFailingSince: true }],
    ["429 with Retry-After", failed({ statusCode: 429, retryAfterHeader: "120" }), { kind: "retry", at: at(120_000), startFailingSince: true }],
    ["503 with an HTTP-date Retry-After", failed({ statusCode: 503, retryAfterHeader: "Thu, 26 Nov 2026 10:10:00 GMT" }), { kind: "retry", at: at(600_000), startFailingSince: true }],
    ["500 with Retry-After (ignored)", failed({ statusCode: 500, retryAfterHeader: "120" }), { kind: "retry", at: at(5_000), startFailingSince: true }],
    // People
    ["failed test", failed({ trigger: "test" }), { kind: "give_up", startFailingSince: true }],
    ["failed manual retry, nothing scheduled", failed({ trigger: "manual" }), { kind: "give_up", startFailingSince: true }],
    ["failed manual retry keeps the scheduled one", failed({ trigger: "manual", pendingScheduledAt: at(60_000) }), { kind: "keep_scheduled", at: at(60_000), startFailingSince: true }],
    // Recovery: the first attempt of a fresh schedule
    ["failed recovery is retried like a first scheduled attempt", failed({ trigger: "recovery" }), { kind: "retry", at: at(5_000), startFailingSince: true }],
    ["failed recovery honours Retry-After", failed({ trigger: "recovery", statusCode: 503, retryAfterHeader: "120" }), { kind: "retry", at: at(120_000), startFailingSince: true }],
    ["failed recovery, 410 Gone", failed({ trigger: "recovery", statusCode: 410 }), { kind: "disable_endpoint", reason: DISABLE_REASONS.gone }],
    ["failed recovery, endpoint disabled meanwhile", failed({ trigger: "recovery", endpoint: { ...healthy, enabled: false } }), { kind: "give_up", startFailingSince: false }],
    // The verification ping sent before a save commits
    ["ping to an unsaved configuration, 500", failed({ trigger: "test", endpointUnsaved: true }), { kind: "give_up", startFailingSince: false }],
    ["ping to an unsaved configuration, 410 does not disable", failed({ trigger: "test", endpointUnsaved: true, statusCode: 410 }), { kind: "give_up", startFailingSince: false }],
    [
      "ping to an unsaved configuration while the stored endpoint has failed for 5 days",
      failed({ trigger: "test", endpointUnsaved: true, endpoint: { ...healthy, failingSince: new Date(now.getTime() - DISABLE_AFTER_FAILING_MS) } }),
      { kind: "give_up", startFailingSince: false },
    ],
  ];
  it.each(cases)("%s", (_name, facts, expected) => {
    expect(decideAfterAttempt(facts, now, mid)).toEqual(expected);
  });
});

describe("attemptsInCurrentSchedule", () => {
  const attempt = (attemptNumber: number, trigger: string) => ({ attemptNumber, trigger });
  const cases: [string, { trigger: string; attemptNumber: number }[], number][] = [
    ["a first scheduled attempt", [attempt(1, "scheduled")], 1],
    ["scheduled attempts only", [attempt(1, "scheduled"), attempt(2, "scheduled"), attempt(3, "scheduled")], 3],
    ["tests and manual retries do not count", [attempt(1, "scheduled"), attempt(2, "manual"), attempt(3, "scheduled"), attempt(4, "test")], 2],
    ["a recovery starts afresh", [...Array.from({ length: 10 }, (_, i) => attempt(i + 1, "scheduled")), attempt(11, "recovery")], 1],
    ["scheduled retries after a recovery count from it", [attempt(1, "scheduled"), attempt(2, "scheduled"), attempt(3, "recovery"), attempt(4, "scheduled"), attempt(5, "manual")], 2],
    ["the latest of two recoveries counts", [attempt(1, "scheduled"), attempt(2, "recovery"), attempt(3, "scheduled"), attempt(4, "recovery")], 1],
    ["order of the rows does not matter", [attempt(4, "scheduled"), attempt(3, "recovery"), attempt(1, "scheduled")], 2],
  ];
  it.each(cases)("%s → %i", (_name, attempts, expected) => {
    expect(attemptsInCurrentSchedule(attempts)).toBe(expected);
  });
});

describe("failingSinceAfterPause", () => {
  const day = 24 * 3_600_000;
  const pausedAt = new Date("2026-11-01T00:00:00Z");
  const resumedAt = new Date(pausedAt.getTime() + 30 * day);
  const cases: [string, Date | null, Date | null][] = [
    ["no failing streak stays none", null, null],
    ["a streak 4 days old at the pause is 4 days old at the resume", new Date(pausedAt.getTime() - 4 * day), new Date(resumedAt.getTime() - 4 * day)],
    ["a streak that began at the pause counts from the resume", pausedAt, resumedAt],
    ["a streak that began during the pause counts from the resume", new Date(pausedAt.getTime() + day), resumedAt],
  ];
  it.each(cases)("%s", (_name, failingSince, expected) => {
    expect(failingSinceAfterPause(failingSince, pausedAt, resumedAt)).toEqual(expected);
  });

  it("keeps a long pause from disabling the endpoint at the first failure after it", () => {
    const failingSince = failingSinceAfterPause(new Date(pausedAt.getTime() - 4 * day), pausedAt, resumedAt);
    const decision = decideAfterAttempt(
      {
        outcome: "failed",
        trigger: "scheduled",
        statusCode: 500,
        leaseLost: false,
        messageDelivered: false,
        endpointUnsaved: false,
        endpoint: { url: "https://example.com/hook", enabled: true, failingSince },
        scheduledAttempts: 1,
        pendingScheduledAt: null,
      },
      new Date(resumedAt.getTime() + 60_000),
      () => 0.5,
    );
    expect(decision.kind).toBe("retry");
  });
});

import { describe, expect, it } from "vitest";
import { ACCOUNT_DELAY, LOGIN_LIMITS, LOGIN_WINDOW_MS, accountDelayMs, decideLoginAttempt, type LoginAttemptCounts } from "./login-throttle-decision";

const now = new Date("2026-11-29T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

function counts(overrides: Partial<LoginAttemptCounts> = {}): LoginAttemptCounts {
  return {
    now,
    accountFromIp: { count: 1, oldestAt: now },
    ip: { count: 1, oldestAt: now },
    account: { count: 0, latestAt: null },
    knownIp: false,
    ...overrides,
  };
}

describe("accountDelayMs", () => {
  it.each([
    [0, 0],
    [LOGIN_LIMITS.accountFreeFailures - 1, 0],
    [LOGIN_LIMITS.accountFreeFailures, 1000],
    [LOGIN_LIMITS.accountFreeFailures + 1, 2000],
    [LOGIN_LIMITS.accountFreeFailures + 5, 32_000],
    [LOGIN_LIMITS.accountFreeFailures + 6, ACCOUNT_DELAY.maxMs],
    [50, ACCOUNT_DELAY.maxMs],
    [100_000, ACCOUNT_DELAY.maxMs],
  ])("after %i failures: %i ms", (failures, delay) => {
    expect(accountDelayMs(failures)).toBe(delay);
  });
});

describe("decideLoginAttempt", () => {
  it.each<[string, Partial<LoginAttemptCounts>, ReturnType<typeof decideLoginAttempt>]>([
    ["a first attempt", {}, { allowed: true }],
    ["the 5th attempt for an account from one IP", { accountFromIp: { count: 5, oldestAt: ago(60_000) } }, { allowed: true }],
    [
      "the 6th attempt for an account from one IP: until the oldest leaves the window",
      { accountFromIp: { count: 6, oldestAt: ago(60_000) } },
      { allowed: false, rule: "account_from_ip", retryAfterSeconds: (LOGIN_WINDOW_MS - 60_000) / 1000 },
    ],
    ["the 20th attempt from one IP", { ip: { count: 20, oldestAt: ago(1000) } }, { allowed: true }],
    [
      "the 21st attempt from one IP",
      { ip: { count: 21, oldestAt: ago(LOGIN_WINDOW_MS - 30_000) } },
      { allowed: false, rule: "ip", retryAfterSeconds: 30 },
    ],
    ["9 failures on the account from anywhere: no delay", { account: { count: 9, latestAt: ago(0) } }, { allowed: true }],
    [
      "10 failures on the account, the last one just now: wait 1 s",
      { account: { count: 10, latestAt: ago(0) } },
      { allowed: false, rule: "account_delay", retryAfterSeconds: 1 },
    ],
    ["10 failures, the last 1 s ago: go", { account: { count: 10, latestAt: ago(1000) } }, { allowed: true }],
    [
      "14 failures, the last 10 s ago: 16 s delay, 6 s left",
      { account: { count: 14, latestAt: ago(10_000) } },
      { allowed: false, rule: "account_delay", retryAfterSeconds: 6 },
    ],
    [
      "60 failures from everywhere, the last just now: never more than the cap",
      { account: { count: 60, latestAt: ago(0) } },
      { allowed: false, rule: "account_delay", retryAfterSeconds: ACCOUNT_DELAY.maxMs / 1000 },
    ],
    ["60 failures, the last a minute ago: the right password may be tried", { account: { count: 60, latestAt: ago(ACCOUNT_DELAY.maxMs) } }, { allowed: true }],
    ["60 failures, the last just now, from an address the account signed in from", { account: { count: 60, latestAt: ago(0) }, knownIp: true }, { allowed: true }],
    [
      "a known address still has its own per-IP limit",
      { account: { count: 60, latestAt: ago(0) }, knownIp: true, accountFromIp: { count: 6, oldestAt: ago(LOGIN_WINDOW_MS - 5000) } },
      { allowed: false, rule: "account_from_ip", retryAfterSeconds: 5 },
    ],
    [
      "several rules: the longest wait",
      { account: { count: 60, latestAt: ago(0) }, ip: { count: 21, oldestAt: ago(LOGIN_WINDOW_MS - 5000) } },
      { allowed: false, rule: "account_delay", retryAfterSeconds: 60 },
    ],
  ])("%s", (_label, overrides, decision) => {
    expect(decideLoginAttempt(counts(overrides))).toEqual(decision);
  });
});

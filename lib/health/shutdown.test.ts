import { describe, expect, it } from "vitest";
import { exitCodeAfterSignal } from "./shutdown";

describe("exitCodeAfterSignal", () => {
  it.each([
    ["the server's own exit after SIGTERM", 143, 0],
    ["the server's own exit after SIGINT", 130, 0],
    ["process.exit() with no code", undefined, 0],
    ["process.exit(null)", null, 0],
    ["an exit that was already clean", 0, 0],
    ["a failure while stopping", 1, 1],
    ["a string code from elsewhere", "2", "2"],
  ] as const)("%s → %s", (_name, code, expected) => {
    expect(exitCodeAfterSignal(code)).toBe(expected);
  });
});

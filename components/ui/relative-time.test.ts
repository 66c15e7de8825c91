import { describe, expect, it } from "vitest";
import { relativeLabel } from "./relative-time";

describe("relativeLabel", () => {
  const now = Date.parse("2026-11-26T08:00:00Z");
  const at = (offsetMs: number) => new Date(now + offsetMs);

  it("calls the last minute 'just now'", () => {
    expect(relativeLabel(at(-30_000), now)).toBe("just now");
    expect(relativeLabel(at(0), now)).toBe("just now");
  });

  it("keeps the near future in the future", () => {
    expect(relativeLabel(at(5_000), now)).toBe("in a few seconds");
    expect(relativeLabel(at(59_000), now)).toBe("in a few seconds");
  });

  it("uses date-fns wording past a minute, both ways", () => {
    expect(relativeLabel(at(-3 * 60_000), now)).toBe("3 minutes ago");
    expect(relativeLabel(at(5 * 60_000), now)).toBe("in 5 minutes");
  });
});

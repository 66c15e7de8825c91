import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { subscribedEventTypes, subscribesTo, toEventTypeList } from "./event-filter";

describe("subscribedEventTypes", () => {
  it("keeps registered types once each, in the registry's order", () => {
    expect(subscribedEventTypes(["payment.refunded", "api_keys.revoked", "payment.refunded"])).toEqual(["api_keys.revoked", "payment.refunded"]);
    expect(subscribedEventTypes([])).toEqual([]);
  });

  it("refuses unknown names with unknown_event_type naming each once", () => {
    let thrown: unknown;
    try {
      subscribedEventTypes(["payment.succeeded", "payment.exploded", "nope.nope", "payment.exploded"]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: "unknown_event_type", status: 400, details: { unknown: ["payment.exploded", "nope.nope"] } });
  });
});

describe("subscribesTo", () => {
  const cases: [string, unknown, string, boolean][] = [
    ["never set: every event", null, "payment.succeeded", true],
    ["empty: every event", [], "payment.succeeded", true],
    ["listed", ["payment.succeeded", "payment.refunded"], "payment.refunded", true],
    ["not listed", ["payment.succeeded"], "api_keys.revoked", false],
    ["a stored value that is not a list: every event", { odd: true }, "api_keys.revoked", true],
  ];
  it.each(cases)("%s", (_name, stored, type, expected) => {
    expect(subscribesTo(stored, type)).toBe(expected);
  });

  it("reads the stored list, dropping anything that is not a name", () => {
    expect(toEventTypeList(["payment.succeeded", 3, null])).toEqual(["payment.succeeded"]);
    expect(toEventTypeList(null)).toEqual([]);
  });
});

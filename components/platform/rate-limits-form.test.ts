import { describe, expect, it } from "vitest";
import { bodyFromFormValues, formValuesFromView, placeIssues } from "@/components/platform/rate-limits-form";

describe("bodyFromFormValues", () => {
  it.each([
    ["both blank: the platform defaults", { live_per_second: "", test_per_second: " " }, { live_per_second: null, test_per_second: null }],
    ["numbers", { live_per_second: "500", test_per_second: "50" }, { live_per_second: 500, test_per_second: 50 }],
    ["the bounds", { live_per_second: "1", test_per_second: "10000" }, { live_per_second: 1, test_per_second: 10_000 }],
    ["one blank", { live_per_second: " 250 ", test_per_second: "" }, { live_per_second: 250, test_per_second: null }],
  ])("%s", (_name, values, body) => {
    expect(bodyFromFormValues(values)).toEqual({ body, errors: null });
  });

  it.each([
    ["zero", { live_per_second: "0", test_per_second: "" }, "live_per_second", /at least 1/],
    ["over the maximum", { live_per_second: "", test_per_second: "10001" }, "test_per_second", /at most 10000/],
    ["a decimal", { live_per_second: "1.5", test_per_second: "" }, "live_per_second", /whole number/],
    ["words", { live_per_second: "", test_per_second: "lots" }, "test_per_second", /whole number/],
  ] as const)("refuses %s beside its field", (_name, values, field, message) => {
    const result = bodyFromFormValues(values);
    expect(result.body).toBeNull();
    expect(result.errors?.[field]).toMatch(message);
  });
});

describe("formValuesFromView", () => {
  it("leaves a field blank where the default applies", () => {
    expect(formValuesFromView({ live_per_second: 100, test_per_second: 40, live_is_default: true, test_is_default: false })).toEqual({
      live_per_second: "",
      test_per_second: "40",
    });
  });
});

describe("placeIssues", () => {
  it("puts an issue on its field, and one naming no field on the form", () => {
    expect(placeIssues([{ path: ["test_per_second"], message: "too big" }, { path: [], message: "unknown key" }])).toEqual({
      test_per_second: "too big",
      form: "unknown key",
    });
  });
});

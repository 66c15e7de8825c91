import { describe, expect, it } from "vitest";
import { jsonNestingDepth } from "./json-depth";

describe("jsonNestingDepth", () => {
  it.each([
    ["", 0],
    ["42", 0],
    ['"text"', 0],
    ["{}", 1],
    ["[1, 2, 3]", 1],
    ['{"a": {"b": [1, {"c": null}]}}', 4],
    ['{"a": "[[[[{{{{"}', 1],
    ['{"a": "quote \\" then [[[["}', 1],
    ['{"a": "backslash \\\\", "b": [[]]}', 3],
    ["[".repeat(6000) + "]".repeat(6000), 6000],
    ["[".repeat(6000), 6000],
  ])("%j is %i deep", (text, depth) => {
    expect(jsonNestingDepth(text)).toBe(depth);
  });
});

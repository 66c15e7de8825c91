import { describe, expect, it } from "vitest";
import { changePasswordSchema } from "@/lib/schemas/account";
import { ApiError, firstMessagePerField } from "./api";

describe("firstMessagePerField", () => {
  it("keeps each field's first message from a form's own check", () => {
    const parsed = changePasswordSchema.safeParse({ current_password: "", new_password: "short" });
    expect(parsed.success).toBe(false);
    const fields = firstMessagePerField(parsed.error!.issues);
    expect(Object.keys(fields).sort()).toEqual(["current_password", "new_password"]);
    expect(fields.new_password).toBe(parsed.error!.issues.find((issue) => issue.path[0] === "new_password")!.message);
  });

  it("reads a validation_error's details the same way, and ignores issues without a field", () => {
    const error = new ApiError(400, "validation_error", "Invalid input", [
      { path: ["email"], message: "Enter a valid email address." },
      { path: ["email"], message: "a second message" },
      { path: [], message: "about the whole body" },
    ]);
    expect(error.fieldErrors()).toEqual({ email: "Enter a valid email address." });
    expect(new ApiError(400, "invalid_json", "Bad JSON", undefined).fieldErrors()).toEqual({});
  });
});

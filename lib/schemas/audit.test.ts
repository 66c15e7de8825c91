import { describe, expect, it } from "vitest";
import { auditLogExportQuerySchema, auditLogQuerySchema, dateBoundEnd, dateBoundStart } from "./audit";

describe("date bounds", () => {
  it.each([
    ["2025-03-01", "2025-03-01T00:00:00.000Z", "2025-03-01T23:59:59.999Z"],
    ["2025-03-01T10:30:00Z", "2025-03-01T10:30:00.000Z", "2025-03-01T10:30:00.000Z"],
    ["2025-03-01T10:30:00+02:00", "2025-03-01T08:30:00.000Z", "2025-03-01T08:30:00.000Z"],
  ])("reads %s as from %s and to %s", (value, start, end) => {
    expect(dateBoundStart(value).toISOString()).toBe(start);
    expect(dateBoundEnd(value).toISOString()).toBe(end);
  });
});

describe("auditLogQuerySchema", () => {
  it.each([
    [{}, true],
    [{ from: "2025-03-01", to: "2025-03-01" }, true],
    [{ from: "2025-03-01T23:00:00Z", to: "2025-03-01" }, true],
    [{ from: "2025-03-02", to: "2025-03-01" }, false],
    [{ from: "2025-03-01T12:00:00Z", to: "2025-03-01T11:59:59Z" }, false],
    [{ from: "2025-02-29" }, false],
    [{ actor: "system" }, true],
    [{ actor: "cmi1u5er0000ada0000000001" }, true],
    [{ actor: "" }, false],
    [{ actor: "a b" }, false],
    [{ category: "api_keys" }, true],
    [{ category: "platform" }, false],
    [{ severity: "critical" }, true],
    [{ severity: "fatal" }, false],
    [{ q: "  revoked  " }, true],
    [{ q: "   " }, false],
  ])("%j is valid: %s", (input, valid) => {
    expect(auditLogQuerySchema.safeParse(input).success).toBe(valid);
    expect(auditLogExportQuerySchema.safeParse(input).success).toBe(valid);
  });

  it("trims free text and defaults the page size; the export takes no page", () => {
    expect(auditLogQuerySchema.parse({ q: "  revoked " })).toEqual({ q: "revoked", limit: 25 });
    expect(auditLogExportQuerySchema.safeParse({ limit: "10" }).success).toBe(false);
  });
});

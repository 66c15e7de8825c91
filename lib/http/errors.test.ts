import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { withRequestId } from "@/lib/http/request-context";
import { log } from "@/lib/log";
import { AppError, apiError, ERROR_CODES, toErrorResponse, tooManyRequests, tryAgainIn, type ErrorCode } from "./errors";

describe("toErrorResponse", () => {
  it("maps an AppError to the status its code has in the table, in the one error shape", async () => {
    const response = toErrorResponse(apiError("email_taken", "Taken."));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: "email_taken", message: "Taken." } });
  });

  it("carries Retry-After for throttling", async () => {
    const response = toErrorResponse(tooManyRequests(42, "test events"));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect((await response.json()).error).toEqual({
      code: "too_many_requests",
      message: "Too many test events. Try again in 42 seconds.",
      details: { retry_after: 42 },
    });
  });

  it.each([
    [1, "Try again in 1 second."],
    [59, "Try again in 59 seconds."],
    [60, "Try again in 1 minute."],
    [61, "Try again in 2 minutes."],
    [3600, "Try again in 60 minutes."],
  ])("says when to try again after %i s: %s", (seconds, sentence) => {
    expect(tryAgainIn(seconds)).toBe(sentence);
  });

  it("turns a ZodError into 400 validation_error with the issues in details", async () => {
    const result = z.object({ key_type: z.enum(["live", "test"]) }).safeParse({ key_type: "prod" });
    const response = toErrorResponse(result.error);
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.error.code).toBe("validation_error");
    expect(body.error.details[0]).toMatchObject({ path: ["key_type"], code: "invalid_value" });
  });

  it("answers 500 without internals for anything else", async () => {
    const spy = vi.spyOn(log, "error").mockImplementation(() => {});
    const response = toErrorResponse(new Error("SELECT secret FROM keys exploded"));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: "internal_error", message: "Something went wrong on our side." } });
    expect(text).not.toContain("secret");
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
  });

  it("answers 503 service_unavailable with Retry-After when the database does not answer, without internals", async () => {
    const spy = vi.spyOn(log, "warn").mockImplementation(() => {});
    const unreachable = Object.assign(new Error("Can't reach database server at 10.0.0.5:5432"), { code: "P1001" });
    const response = toErrorResponse(unreachable);
    const text = await response.text();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(JSON.parse(text)).toEqual({ error: { code: "service_unavailable", message: "The service is briefly unavailable. Try again in a moment." } });
    expect(text).not.toContain("10.0.0.5");
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
  });

  it("names the request id in the body and the Request-Id header when it answers inside a request", async () => {
    const response = await withRequestId(() => toErrorResponse(apiError("not_found")));
    const requestId = response.headers.get("request-id");
    expect(requestId).toMatch(/^req_[0-9A-Za-z]{24}$/);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: ERROR_CODES.not_found.message, request_id: requestId } });
  });

  it("stamps a fresh id on each answer, also on responses with immutable headers", async () => {
    const first = await withRequestId(() => Response.redirect("http://localhost/elsewhere", 303));
    const second = await withRequestId(() => Response.json({ ok: true }));
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("http://localhost/elsewhere");
    expect(first.headers.get("request-id")).toMatch(/^req_/);
    expect(second.headers.get("request-id")).not.toBe(first.headers.get("request-id"));
  });

  it("uses the table's message when a throw site gives none", () => {
    expect(apiError("unauthorized")).toMatchObject({ status: 401, code: "unauthorized", message: ERROR_CODES.unauthorized.message });
    expect(new AppError("forbidden")).toMatchObject({ status: 403, code: "forbidden" });
    // @ts-expect-error an unregistered code does not compile
    expect(() => apiError("no_such_code")).toThrow();
  });
});

describe("the error code table", () => {
  it("names codes in snake_case with an HTTP error status and a sentence", () => {
    for (const [code, { status, message }] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
      expect(message).toMatch(/^[A-Z"].*[.)]$/);
    }
  });

  // Every row of every error table in docs/api.md: "| 409 | `code`, `other` | when |".
  const doc = readFileSync(path.resolve(import.meta.dirname, "../../docs/api.md"), "utf8");
  const documented = [...doc.matchAll(/^\|\s*(\d{3})\s*\|([^|]*)\|/gm)].flatMap(([, status, codes]) =>
    [...codes.matchAll(/`([a-z_][a-z0-9_]*)`/g)].map(([, code]) => ({ status: Number(status), code })),
  );
  const referenceTable = doc.slice(doc.indexOf("#### Error codes"), doc.indexOf("###", doc.indexOf("#### Error codes") + 5));

  it("agrees with every error row in docs/api.md", () => {
    expect(documented.length).toBeGreaterThan(20);
    for (const { status, code } of documented) {
      expect(ERROR_CODES, `docs/api.md names ${code}, which is not in ERROR_CODES`).toHaveProperty(code);
      expect({ code, status }).toEqual({ code, status: ERROR_CODES[code as ErrorCode].status });
    }
  });

  it("is listed whole in the reference table of docs/api.md", () => {
    const listed = new Set([...referenceTable.matchAll(/^\|\s*`([a-z0-9_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map(([, code, status]) => `${code} ${status}`));
    const table = new Set(Object.entries(ERROR_CODES).map(([code, { status }]) => `${code} ${status}`));
    expect([...listed].sort()).toEqual([...table].sort());
  });
});

import { describe, expect, it } from "vitest";
import type { AuditLogView } from "@/lib/audit/audit-log";
import { auditActorText, auditRequestId, auditTargetText, userAgentSummary, utcTimeLabel } from "./audit-entry-text";

const base: AuditLogView = {
  id: "e1",
  action: "auth.signed_in",
  severity: "info",
  actor: { type: "user", user_id: "u1", name: "Ada", email: "ada@example.test", label: "ada@example.test" },
  target: null,
  reason: null,
  ip: null,
  user_agent: null,
  metadata: null,
  created_at: "2025-03-01T23:59:59.999Z",
};
const entry = (patch: Partial<AuditLogView>): AuditLogView => ({ ...base, ...patch });

describe("auditTargetText", () => {
  it.each([
    [entry({}), null],
    [entry({ target: { type: "api_keys", id: "all" } }), "live and test keys"],
    [entry({ target: { type: "api_keys", id: "test" } }), "test keys"],
    [entry({ target: { type: "webhook_endpoint", id: "w" }, metadata: { url: "https://x.test/h" } }), "https://x.test/h"],
    [entry({ action: "members.role_changed", metadata: { email: "b@x.test", from: "member", to: "admin" } }), "b@x.test: member → admin"],
    [entry({ action: "members.removed", metadata: { email: "b@x.test", role: "admin" } }), "b@x.test (admin)"],
    [entry({ target: { type: "invitation", id: "i" }, metadata: { email: "c@x.test" } }), "c@x.test"],
  ])("%#: %j", (value, text) => {
    expect(auditTargetText(value)).toBe(text);
  });
});

describe("auditActorText", () => {
  it.each([
    [base.actor, { name: "Ada", detail: "ada@example.test" }],
    [{ ...base.actor, name: null }, { name: "ada@example.test", detail: null }],
    [{ type: "anonymous", user_id: null, name: null, email: null, label: "who@x.test" }, { name: "Unknown account", detail: "who@x.test" }],
    [{ type: "stripe", user_id: null, name: null, email: null, label: "Stripe" }, { name: "stripe", detail: "Stripe" }],
    [{ type: "system", user_id: null, name: null, email: null, label: null }, { name: "system", detail: null }],
  ])("%#", (actor, text) => {
    expect(auditActorText(entry({ actor }))).toEqual(text);
  });
});

describe("utcTimeLabel and auditRequestId", () => {
  it("writes the exact UTC second", () => {
    expect(utcTimeLabel("2025-03-01T23:59:59.999Z")).toBe("2025-03-01 23:59:59 UTC");
    expect(utcTimeLabel("2025-03-02T01:00:00+01:00")).toBe("2025-03-02 00:00:00 UTC");
  });

  it.each([
    [null, null],
    [{ request_id: "req_abc" }, "req_abc"],
    [{ requestId: "req_def" }, "req_def"],
    [{ request_id: "" }, null],
    [{ request_id: 12 }, null],
    [["req_x"], null],
  ])("finds the request id in %j", (metadata, id) => {
    expect(auditRequestId(entry({ metadata }))).toBe(id);
  });
});

describe("userAgentSummary", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.8154.6 Safari/537.36", "Chrome 159 on Windows"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari 17 on macOS"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari 17 on iOS"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox 128 on Linux"],
    ["Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36", "Chrome 126 on Android"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0", "Edge 126 on Windows"],
    ["curl/8.5.0", "curl/8.5.0"],
    ["vitest", "vitest"],
    [`${"x".repeat(60)} y`, `${"x".repeat(39)}…`],
    ["", ""],
  ])("sums up %j as %j", (userAgent, summary) => {
    expect(userAgentSummary(userAgent)).toBe(summary);
  });
});

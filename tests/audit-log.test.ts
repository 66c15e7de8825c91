// The tenant's audit log through its API: every filter alone and combined,
// free text, date edges, cursor pages under filters, one entry, the CSV
// export, tenant isolation, roles and refused input.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET as listRoute } from "@/app/api/v1/auth/tenants/audit-logs/route";
import { GET as entryRoute } from "@/app/api/v1/auth/tenants/audit-logs/[entryId]/route";
import { GET as exportRoute } from "@/app/api/v1/auth/tenants/audit-logs/export/route";
import { prisma } from "@/lib/db";
import { AUDIT_CSV_COLUMNS } from "@/lib/audit/audit-log";
import { ANY_REQUEST_ID, BASE_URL, call, registerOwner } from "./helpers/api";
import { parseCsv } from "./helpers/csv";
import { addMember } from "./helpers/fixtures";

const LOG = "/api/v1/auth/tenants/audit-logs/";

const list = (token: string, query = "") => call(listRoute, `${LOG}${query}`, { token });
const entry = (token: string, entryId: string) => call(entryRoute, `${LOG}${entryId}/`, { token, params: { entryId } });

async function exportCsv(token: string, query = "") {
  const response = await exportRoute(new NextRequest(new URL(`${LOG}export/${query}`, BASE_URL), { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({}),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

type Seed = {
  action: string;
  at: string;
  severity?: string;
  actorType?: string;
  actorUserId?: string | null;
  actorLabel?: string | null;
  targetType?: string;
  targetId?: string;
  reason?: string;
  ip?: string;
  userAgent?: string;
  metadata?: object;
};

/** A stored entry at a set time (entries are append-only; the service that writes them is tested with each action). */
async function seed(tenantId: string, fields: Seed) {
  const row = await prisma.auditLog.create({
    data: {
      tenantId,
      action: fields.action,
      severity: fields.severity ?? "info",
      actorType: fields.actorType ?? (fields.actorUserId ? "user" : "system"),
      actorUserId: fields.actorUserId ?? null,
      actorLabel: fields.actorLabel ?? null,
      targetType: fields.targetType ?? null,
      targetId: fields.targetId ?? null,
      reason: fields.reason ?? null,
      ip: fields.ip ?? null,
      userAgent: fields.userAgent ?? null,
      metadata: fields.metadata,
      createdAt: new Date(fields.at),
    },
  });
  return row.id;
}

/** A tenant with a fixed history in 2025 (its own sign-up entry is today, outside every range below). */
async function tenantWithHistory() {
  const owner = await registerOwner({ name: "Ada Lovelace" });
  const admin = await addMember(owner.tenantId, "admin");
  const ids = {
    signedIn: await seed(owner.tenantId, { action: "auth.signed_in", at: "2025-03-01T00:00:00.000Z", actorUserId: owner.userId, actorLabel: owner.input.email, ip: "::ffff:203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140" }),
    revoked: await seed(owner.tenantId, { action: "api_keys.revoked", at: "2025-03-01T23:59:59.999Z", severity: "critical", actorUserId: owner.userId, actorLabel: owner.input.email, targetType: "api_keys", targetId: "live", reason: "Key pasted in a PUBLIC repo", metadata: { count: 1 } }),
    regenerated: await seed(owner.tenantId, { action: "api_keys.regenerated", at: "2025-03-02T00:00:00.000Z", severity: "warning", actorUserId: admin.userId, actorLabel: admin.email, targetType: "api_keys", targetId: "test" }),
    stripeLost: await seed(owner.tenantId, { action: "stripe.access_lost", at: "2025-03-02T12:00:00.000Z", severity: "warning", actorType: "stripe", actorLabel: "Stripe" }),
    webhookDisabled: await seed(owner.tenantId, { action: "webhooks.endpoint_disabled", at: "2025-03-03T08:00:00.000Z", severity: "warning", actorType: "system", actorLabel: "webhook delivery", targetType: "webhook_endpoint", targetId: "whe_1" }),
    failed: await seed(owner.tenantId, { action: "auth.login_failed", at: "2025-03-04T00:00:00.000Z", severity: "warning", actorType: "anonymous", actorLabel: "someone@elsewhere.test" }),
  };
  return { owner, admin, ids };
}

const idsOf = (body: { data: { id: string }[] }) => body.data.map((row) => row.id);

describe("GET /api/v1/auth/tenants/audit-logs/ filters", () => {
  it("narrows by each filter alone, newest first", async () => {
    const { owner, admin, ids } = await tenantWithHistory();
    const cases: [string, string[]][] = [
      ["category=api_keys", [ids.regenerated, ids.revoked]],
      ["category=stripe", [ids.stripeLost]],
      ["severity=critical", [ids.revoked]],
      ["severity=warning&from=2025-01-01&to=2025-12-31", [ids.failed, ids.webhookDisabled, ids.stripeLost, ids.regenerated]],
      [`actor=${admin.userId}`, [ids.regenerated]],
      [`actor=${owner.userId}&to=2025-12-31`, [ids.revoked, ids.signedIn]],
      ["actor=stripe", [ids.stripeLost]],
      ["actor=system", [ids.webhookDisabled]],
      ["actor=anonymous", [ids.failed]],
      ["action=auth.login_failed", [ids.failed]],
      ["from=2025-03-02&to=2025-03-03", [ids.webhookDisabled, ids.stripeLost, ids.regenerated]],
    ];
    for (const [query, expected] of cases) {
      const result = await list(owner.token, `?${query}`);
      expect(result.status, query).toBe(200);
      expect(idsOf(result.body), query).toEqual(expected);
    }
  });

  it("includes both edges of a day range and nothing a millisecond outside it", async () => {
    const { owner, ids } = await tenantWithHistory();
    // 2025-03-01 holds the entries at 00:00:00.000 and 23:59:59.999; the next day starts at 00:00:00.000.
    expect(idsOf((await list(owner.token, "?from=2025-03-01&to=2025-03-01")).body)).toEqual([ids.revoked, ids.signedIn]);
    expect(idsOf((await list(owner.token, "?from=2025-03-02&to=2025-03-02")).body)).toEqual([ids.stripeLost, ids.regenerated]);
    // Exact moments are inclusive too, with any offset.
    expect(idsOf((await list(owner.token, `?from=${encodeURIComponent("2025-03-01T23:59:59.999Z")}&to=${encodeURIComponent("2025-03-02T01:00:00+01:00")}`)).body)).toEqual([
      ids.regenerated,
      ids.revoked,
    ]);
    expect(idsOf((await list(owner.token, `?from=${encodeURIComponent("2025-03-01T00:00:00.001Z")}&to=${encodeURIComponent("2025-03-01T23:59:59.998Z")}`)).body)).toEqual([]);
  });

  it("combines filters with AND", async () => {
    const { owner, ids } = await tenantWithHistory();
    expect(idsOf((await list(owner.token, `?category=api_keys&actor=${owner.userId}`)).body)).toEqual([ids.revoked]);
    expect(idsOf((await list(owner.token, "?category=api_keys&severity=warning&from=2025-03-02")).body)).toEqual([ids.regenerated]);
    expect(idsOf((await list(owner.token, "?category=stripe&actor=system")).body)).toEqual([]);
    expect(idsOf((await list(owner.token, "?q=key&severity=critical")).body)).toEqual([ids.revoked]);
  });

  it("matches free text ignoring case over the action's label and name, actor, target and reason", async () => {
    const { owner, admin, ids } = await tenantWithHistory();
    const cases: [string, string[]][] = [
      // The label "API keys revoked", and the name api_keys.revoked.
      ["REVOKED", [ids.revoked]],
      ["api_keys.regen", [ids.regenerated]],
      // The reason, in another case.
      ["public repo", [ids.revoked]],
      // The actor's name (the user row) and email, and a label with no user.
      ["ada lovelace", [ids.revoked, ids.signedIn]],
      [admin.email.toUpperCase(), [ids.regenerated]],
      ["ELSEWHERE.test", [ids.failed]],
      // The target's id.
      ["whe_1", [ids.webhookDisabled]],
      ["nothing like this", []],
    ];
    for (const [q, expected] of cases) {
      const result = await list(owner.token, `?q=${encodeURIComponent(q)}&to=2025-12-31`);
      expect(result.status, q).toBe(200);
      expect(idsOf(result.body), q).toEqual(expected);
    }
  });

  it("treats LIKE wildcards in free text as plain characters", async () => {
    const { owner, ids } = await tenantWithHistory();
    const percent = await seed(owner.tenantId, { action: "api_keys.revoked", at: "2025-04-01T00:00:00.000Z", severity: "critical", reason: "rotated 100% of keys" });
    expect(idsOf((await list(owner.token, `?q=${encodeURIComponent("100%")}`)).body)).toEqual([percent]);
    expect(idsOf((await list(owner.token, `?q=${encodeURIComponent("whe_")}`)).body)).toEqual([ids.webhookDisabled]);
    expect(idsOf((await list(owner.token, `?q=${encodeURIComponent("_%_")}`)).body)).toEqual([]);
    // Rows the database's LIKE finds but the text does not hold never take a page's place.
    const first = await list(owner.token, `?q=${encodeURIComponent("e_")}&limit=1`);
    expect(idsOf(first.body)).toEqual([ids.webhookDisabled]);
    expect(first.body.next_cursor).toBeNull();
    expect(parseCsv((await exportCsv(owner.token, `?q=${encodeURIComponent("e_")}`)).text).slice(1).map((row) => row[0])).toEqual([ids.webhookDisabled]);
  });

  it("walks every filtered entry through cursor pages, in order, with no repeats", async () => {
    const owner = await registerOwner();
    const expected: string[] = [];
    // Same-millisecond pairs too: the id breaks ties, so no entry is skipped at a page edge.
    for (let i = 0; i < 14; i += 1) {
      const at = new Date(Date.UTC(2025, 5, 1, 0, Math.floor(i / 2))).toISOString();
      const id = await seed(owner.tenantId, { action: i % 3 === 0 ? "auth.signed_in" : "api_keys.regenerated", severity: i % 3 === 0 ? "info" : "warning", at });
      if (i % 3 !== 0) expected.push(id);
    }
    const expectedOrder = (await prisma.auditLog.findMany({ where: { id: { in: expected } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).map((row) => row.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result = await list(owner.token, `?category=api_keys&severity=warning&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(result.status).toBe(200);
      expect(result.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...idsOf(result.body));
      cursor = result.body.next_cursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(expectedOrder);
    expect(pages).toBe(Math.ceil(expected.length / 3));
  });
});

describe("tenant isolation", () => {
  it("never shows another tenant's entries, through any filter, free text, one entry or the export", async () => {
    const mine = await tenantWithHistory();
    const theirs = await tenantWithHistory();
    const theirIds = new Set(Object.values(theirs.ids));
    const queries = ["", "?q=revoked", `?q=${encodeURIComponent(theirs.owner.input.email)}`, `?actor=${theirs.owner.userId}`, "?category=api_keys", "?limit=100&from=2025-01-01"];
    for (const query of queries) {
      const result = await list(mine.owner.token, query);
      expect(result.status, query).toBe(200);
      expect(idsOf(result.body).filter((id) => theirIds.has(id)), query).toEqual([]);
    }
    expect(idsOf((await list(mine.owner.token, `?actor=${theirs.owner.userId}`)).body)).toEqual([]);

    const cursor = await list(mine.owner.token, `?cursor=${theirs.ids.revoked}`);
    expect(cursor.status).toBe(400);
    expect(cursor.body).toEqual({ error: { code: "invalid_cursor", message: expect.any(String), request_id: ANY_REQUEST_ID } });

    const other = await entry(mine.owner.token, theirs.ids.revoked);
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ error: { code: "not_found", message: expect.any(String), request_id: ANY_REQUEST_ID } });

    const csv = await exportCsv(mine.owner.token, "?q=revoked");
    const csvIds = parseCsv(csv.text).slice(1).map((row) => row[0]);
    expect(csvIds).toEqual([mine.ids.revoked]);
  });
});

describe("GET /api/v1/auth/tenants/audit-logs/{entry_id}/", () => {
  it("gives one entry with everything recorded", async () => {
    const { owner, ids } = await tenantWithHistory();
    const result = await entry(owner.token, ids.revoked);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      id: ids.revoked,
      action: "api_keys.revoked",
      severity: "critical",
      actor: { type: "user", user_id: owner.userId, name: "Ada Lovelace", email: owner.input.email, label: owner.input.email },
      target: { type: "api_keys", id: "live" },
      reason: "Key pasted in a PUBLIC repo",
      ip: null,
      user_agent: null,
      metadata: { count: 1 },
      created_at: "2025-03-01T23:59:59.999Z",
    });
    const missing = await entry(owner.token, "cmnotanentry0000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: "not_found", message: expect.any(String), request_id: ANY_REQUEST_ID } });
  });
});

describe("GET /api/v1/auth/tenants/audit-logs/export/", () => {
  it("streams the filtered entries as CSV: header, quoting, formulas guarded, IPv4-mapped shown as IPv4", async () => {
    const { owner, ids } = await tenantWithHistory();
    const formula = await seed(owner.tenantId, {
      action: "members.removed",
      at: "2025-03-05T00:00:00.000Z",
      severity: "warning",
      actorType: "system",
      actorLabel: "=HYPERLINK(\"http://evil\")",
      reason: 'Left, said "bye"\nand went',
      metadata: { email: "x@example.test" },
    });
    const result = await exportCsv(owner.token, "?from=2025-01-01&to=2025-12-31");
    expect(result.status).toBe(200);
    expect(result.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(result.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(result.text.startsWith(`${AUDIT_CSV_COLUMNS.join(",")}\r\n`)).toBe(true);
    expect(result.text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(result.text);
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows.slice(1).map((row) => row[0])).toEqual([formula, ids.failed, ids.webhookDisabled, ids.stripeLost, ids.regenerated, ids.revoked, ids.signedIn]);
    const byId = new Map(rows.slice(1).map((row) => [row[0], Object.fromEntries(AUDIT_CSV_COLUMNS.map((column, i) => [column, row[i]]))]));
    expect(byId.get(formula)).toMatchObject({ actor_type: "system", actor_name: "'=HYPERLINK(\"http://evil\")", reason: 'Left, said "bye"\nand went', metadata: '{"email":"x@example.test"}', action_label: "Member removed" });
    expect(byId.get(ids.revoked)).toMatchObject({
      created_at: "2025-03-01T23:59:59.999Z",
      action: "api_keys.revoked",
      action_label: "API keys revoked",
      severity: "critical",
      actor_type: "user",
      actor_user_id: owner.userId,
      actor_name: "Ada Lovelace",
      actor_email: owner.input.email,
      target_type: "api_keys",
      target_id: "live",
      reason: "Key pasted in a PUBLIC repo",
      ip: "",
      metadata: '{"count":1}',
    });
    expect(byId.get(ids.signedIn)).toMatchObject({ ip: "203.0.113.7", user_agent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140" });
    // The raw text holds the guarded formula quoted, never a cell starting with "=".
    expect(result.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it("holds every filtered entry across its internal pages, and only those", async () => {
    const owner = await registerOwner();
    const base = Date.UTC(2025, 0, 1);
    await prisma.auditLog.createMany({
      data: Array.from({ length: 1203 }, (_, i) => ({
        tenantId: owner.tenantId,
        actorType: "system",
        action: i % 4 === 0 ? "auth.signed_in" : "webhooks.test_sent",
        severity: "info",
        targetId: `t${i}`,
        createdAt: new Date(base + Math.floor(i / 3) * 1000),
      })),
    });
    const expected = (await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId, action: "webhooks.test_sent" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).map((row) => row.id);
    expect(expected.length).toBe(902);
    const result = await exportCsv(owner.token, "?category=webhooks");
    expect(result.status).toBe(200);
    const rows = parseCsv(result.text);
    expect(rows.slice(1).map((row) => row[0])).toEqual(expected);
  });

  it("gives only the header when nothing matches", async () => {
    const { owner } = await tenantWithHistory();
    const result = await exportCsv(owner.token, "?q=nothing%20like%20this");
    expect(result.status).toBe(200);
    expect(result.text).toBe(`${AUDIT_CSV_COLUMNS.join(",")}\r\n`);
  });
});

describe("roles", () => {
  it("refuses a member the list, one entry and the export; an admin may read all three", async () => {
    const { owner, ids } = await tenantWithHistory();
    const member = await addMember(owner.tenantId, "member");
    const admin = await addMember(owner.tenantId, "admin");
    const forbidden = { error: { code: "forbidden", message: expect.any(String), request_id: ANY_REQUEST_ID } };
    const refusedList = await list(member.token, "?q=revoked");
    expect(refusedList.status).toBe(403);
    expect(refusedList.body).toEqual(forbidden);
    const refusedEntry = await entry(member.token, ids.revoked);
    expect(refusedEntry.status).toBe(403);
    expect(refusedEntry.body).toEqual(forbidden);
    const refusedExport = await exportCsv(member.token);
    expect(refusedExport.status).toBe(403);
    expect(JSON.parse(refusedExport.text)).toEqual(forbidden);

    expect((await list(admin.token, "?q=revoked")).status).toBe(200);
    expect((await entry(admin.token, ids.revoked)).status).toBe(200);
    expect((await exportCsv(admin.token)).status).toBe(200);
  });
});

describe("refused input", () => {
  const invalid: [string, string][] = [
    ["an unknown category", "?category=nope"],
    ["the platform's own category", "?category=platform"],
    ["an unknown severity", "?severity=urgent"],
    ["a severity in capitals", "?severity=CRITICAL"],
    ["a malformed actor", "?actor=bad%20actor!"],
    ["a day that does not exist", "?from=2025-02-30"],
    ["a date in another format", "?from=01%2F03%2F2025"],
    ["a date-time without an offset", "?to=2025-03-01T10:00:00"],
    ["from after to", "?from=2025-03-02&to=2025-03-01"],
    ["an empty q", "?q=%20%20"],
    ["a q over 200 characters", `?q=${"a".repeat(201)}`],
    ["an unknown parameter", "?search=x"],
    ["a limit of 0", "?limit=0"],
  ];

  it.each(invalid)("refuses %s with 400 validation_error on the list and the export, changing nothing", async (_case, query) => {
    const { owner } = await tenantWithHistory();
    const before = await prisma.auditLog.count({ where: { tenantId: owner.tenantId } });
    const result = await list(owner.token, query);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: { code: "validation_error", message: expect.any(String), request_id: ANY_REQUEST_ID, details: expect.anything() } });
    if (!query.startsWith("?limit")) {
      const exported = await exportCsv(owner.token, query);
      expect(exported.status).toBe(400);
      expect(JSON.parse(exported.text)).toMatchObject({ error: { code: "validation_error" } });
    }
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId } })).toBe(before);
  });

  it("refuses cursor and limit on the export", async () => {
    const { owner, ids } = await tenantWithHistory();
    for (const query of [`?cursor=${ids.revoked}`, "?limit=10"]) {
      const exported = await exportCsv(owner.token, query);
      expect(exported.status, query).toBe(400);
      expect(JSON.parse(exported.text)).toMatchObject({ error: { code: "validation_error" } });
    }
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
// What Next itself builds from a route module to dispatch a request by method.
import { autoImplementMethods } from "next/dist/server/route-modules/app-route/helpers/auto-implement-methods";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { GET as auditLogs } from "@/app/api/v1/auth/tenants/audit-logs/route";
import { recordAudit } from "@/lib/audit/audit-log";
import { apiRoute } from "@/lib/http/route";
import { POST as sendTestWebhook } from "@/app/api/v1/auth/tenants/webhooks/test/route";
import { POST as revokeKeys } from "@/app/api/v1/auth/tenants/api-keys/revoke/route";
import { resetEnvCache } from "@/lib/env";
import { POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";
import * as unknownApiPath from "@/app/api/[[...path]]/route";
import { METHOD_NOT_ALLOWED } from "@/lib/http/method-not-allowed";
import { MAX_JSON_DEPTH } from "@/lib/http/json-depth";
import { BASE_URL, call, registerOwner, ANY_REQUEST_ID } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { chunkedBody, streamingRequest } from "./helpers/streams";

const AUDIT = "/api/v1/auth/tenants/audit-logs/";

// A write endpoint built with the same wrapper, to exercise what every handler inherits.
let writes = 0;
const echo = apiRoute(
  { access: "admin", body: z.strictObject({ key_type: z.enum(["live", "test", "all"]), confirm: z.literal(true) }) },
  async ({ body, caller }) => {
    writes += 1;
    return Response.json({ key_type: body.key_type, tenant_id: caller.tenantId });
  },
);

describe("roles are enforced on the server", () => {
  it("refuses a member on an admin endpoint with 403 and lets admins and owners in", async () => {
    const owner = await registerOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const member = await addMember(owner.tenantId, "member");
    const refused = await call(auditLogs, AUDIT, { token: member.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "forbidden", message: expect.stringContaining("admin") });
    expect((await call(auditLogs, AUDIT, { token: admin.token })).status).toBe(200);
    expect((await call(auditLogs, AUDIT, { token: owner.token })).status).toBe(200);
  });

  it("reads the role from the membership on every request, so a demotion applies at once", async () => {
    const owner = await registerOwner();
    const admin = await addMember(owner.tenantId, "admin");
    expect((await call(auditLogs, AUDIT, { token: admin.token })).status).toBe(200);
    await prisma.membership.updateMany({ where: { userId: admin.userId }, data: { role: "member" } });
    expect((await call(auditLogs, AUDIT, { token: admin.token })).status).toBe(403);
    await prisma.membership.deleteMany({ where: { userId: admin.userId } });
    const removed = await call(auditLogs, AUDIT, { token: admin.token });
    expect(removed.status).toBe(401);
  });
});

describe("tenant isolation", () => {
  it("never shows one tenant's audit entries to another", async () => {
    const a = await registerOwner();
    const b = await registerOwner();
    const seenByB = await call(auditLogs, AUDIT, { token: b.token });
    expect(seenByB.body.data.length).toBeGreaterThan(0);
    const tenantsSeen = await prisma.auditLog.findMany({ where: { id: { in: seenByB.body.data.map((e: { id: string }) => e.id) } } });
    expect(new Set(tenantsSeen.map((entry) => entry.tenantId))).toEqual(new Set([b.tenantId]));

    const aEntry = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: a.tenantId } });
    const crossCursor = await call(auditLogs, `${AUDIT}?cursor=${aEntry.id}`, { token: b.token });
    expect(crossCursor.status).toBe(400);
    expect(crossCursor.body.error.code).toBe("invalid_cursor");
  });

  it("scopes the wrapper's caller to the token's tenant", async () => {
    const a = await registerOwner();
    const result = await call(echo, "/api/v1/echo/", { token: a.token, body: { key_type: "live", confirm: true } });
    expect(result.body.tenant_id).toBe(a.tenantId);
  });
});

describe("the route wrapper", () => {
  it("answers 400 with zod issues for unknown enum values, missing fields and unknown fields, without running the handler", async () => {
    const owner = await registerOwner();
    const before = writes;
    for (const body of [{ key_type: "prod", confirm: true }, { key_type: "live" }, { key_type: "live", confirm: true, extra: 1 }, "[1,"]) {
      const result = await call(echo, "/api/v1/echo/", { token: owner.token, body });
      expect(result.status).toBe(400);
      expect(["validation_error", "invalid_json"]).toContain(result.body.error.code);
    }
    const enumIssue = await call(echo, "/api/v1/echo/", { token: owner.token, body: { key_type: "prod", confirm: true } });
    expect(enumIssue.body.error.details).toEqual([expect.objectContaining({ path: ["key_type"], code: "invalid_value" })]);
    expect(writes).toBe(before);
  });

  it("answers 413 for an oversized body even when Content-Length is missing", async () => {
    const owner = await registerOwner();
    const result = await call(echo, "/api/v1/echo/", { token: owner.token, body: JSON.stringify({ key_type: "live", confirm: true, pad: "x".repeat(65 * 1024) }) });
    expect(result.status).toBe(413);
  });

  it("checks Origin on cookie-authenticated writes (CSRF) but not on Bearer ones", async () => {
    const owner = await registerOwner();
    const body = { key_type: "test", confirm: true };
    const before = writes;
    const noOrigin = await call(echo, "/api/v1/echo/", { cookie: owner.session, body });
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.body.error.code).toBe("csrf_origin_mismatch");
    const evil = await call(echo, "/api/v1/echo/", { cookie: owner.session, body, origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(writes).toBe(before);
    const same = await call(echo, "/api/v1/echo/", { cookie: owner.session, body, origin: "http://localhost:3000" });
    expect(same.status).toBe(200);
    const bearer = await call(echo, "/api/v1/echo/", { token: owner.token, body, origin: "https://evil.example" });
    expect(bearer.status).toBe(200);
    // Reads with a cookie need no Origin.
    expect((await call(auditLogs, AUDIT, { cookie: owner.session })).status).toBe(200);
  });

  describe("X-Forwarded-Host in the CSRF check", () => {
    const REVOKE = "/api/v1/auth/tenants/api-keys/revoke/";
    const revokeBody = { key_type: "all", reason: "csrf probe", confirm: true };
    const activeKeys = (tenantId: string) => prisma.apiKey.count({ where: { tenantId, revokedAt: null } });
    afterEach(() => {
      delete process.env.TRUSTED_PROXIES;
      resetEnvCache();
    });

    it("is ignored from a peer that is not a trusted proxy: a forged host does not make a foreign Origin our own", async () => {
      process.env.TRUSTED_PROXIES = "127.0.0.1";
      resetEnvCache();
      const owner = await registerOwner();
      const keysBefore = await activeKeys(owner.tenantId);
      const auditBefore = await prisma.auditLog.count({ where: { tenantId: owner.tenantId } });
      for (const origin of ["https://evil.example", "http://evil.example"]) {
        const forged = await call(revokeKeys, REVOKE, {
          cookie: owner.session,
          body: revokeBody,
          origin,
          ip: "203.0.113.50",
          headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
        });
        expect(forged.status).toBe(403);
        expect(forged.body).toEqual({ error: { code: "csrf_origin_mismatch", message: expect.any(String), request_id: ANY_REQUEST_ID } });
      }
      expect(keysBefore).toBeGreaterThan(0);
      expect(await activeKeys(owner.tenantId)).toBe(keysBefore);
      expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId } })).toBe(auditBefore);
    });

    it("names the address the browser used when a trusted proxy sets it", async () => {
      process.env.TRUSTED_PROXIES = "127.0.0.1";
      resetEnvCache();
      const owner = await registerOwner();
      const viaProxy = { "x-forwarded-host": "portal.example", "x-forwarded-proto": "https" };
      const foreign = await call(revokeKeys, REVOKE, { cookie: owner.session, body: revokeBody, origin: "https://evil.example", ip: "127.0.0.1", headers: viaProxy });
      expect(foreign.status).toBe(403);
      const same = await call(revokeKeys, REVOKE, { cookie: owner.session, body: revokeBody, origin: "https://portal.example", ip: "127.0.0.1", headers: viaProxy });
      expect(same.status).toBe(200);
      expect(await activeKeys(owner.tenantId)).toBe(0);
    });
  });

  it("answers 401 on protected endpoints without credentials", async () => {
    const result = await call(echo, "/api/v1/echo/", { body: { key_type: "live", confirm: true } });
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: { code: "unauthorized", message: expect.any(String), request_id: ANY_REQUEST_ID } });
  });
});

describe("GET /api/v1/auth/tenants/audit-logs/", () => {
  it("lists newest first, paginates by cursor without gaps or repeats, and filters by action", async () => {
    const owner = await registerOwner();
    for (let i = 0; i < 30; i++) {
      await recordAudit(prisma, {
        tenantId: owner.tenantId,
        actor: { type: "system" },
        action: i % 3 === 0 ? "auth.login_failed" : "auth.signed_in",
        meta: { ip: "192.0.2.1", userAgent: "seed" },
      });
    }
    const all: { id: string; created_at: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { data: { id: string; created_at: string }[]; next_cursor: string | null } } = await call(
        auditLogs,
        `${AUDIT}?limit=7${cursor ? `&cursor=${cursor}` : ""}`,
        { token: owner.token },
      );
      expect(page.status).toBe(200);
      all.push(...page.body.data);
      cursor = page.body.next_cursor;
      pages += 1;
    } while (cursor);
    expect(all).toHaveLength(31); // 30 + the sign-up
    expect(pages).toBe(5);
    expect(new Set(all.map((entry) => entry.id)).size).toBe(31);
    const times = all.map((entry) => Date.parse(entry.created_at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    const failed = await call(auditLogs, `${AUDIT}?action=auth.login_failed&limit=100`, { token: owner.token });
    expect(failed.body.data).toHaveLength(10);
    expect(failed.body.data.every((entry: { action: string }) => entry.action === "auth.login_failed")).toBe(true);
    expect(failed.body.data[0]).toMatchObject({ actor: { type: "system" }, ip: "192.0.2.1", user_agent: "seed" });
  });

  it("rejects a bad query with 400", async () => {
    const owner = await registerOwner();
    for (const query of ["limit=0", "limit=500", "action=DROP TABLE", "action=auth.not_registered", "unknown=1"]) {
      const result = await call(auditLogs, `${AUDIT}?${query}`, { token: owner.token });
      expect(result.status, query).toBe(400);
      expect(result.body.error.code).toBe("validation_error");
    }
  });

  it("answers 400 naming the field for an action the registry does not know, rather than an empty list", async () => {
    const owner = await registerOwner();
    const result = await call(auditLogs, `${AUDIT}?action=api_keys.deleted`, { token: owner.token });
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({
      code: "validation_error",
      details: [{ path: ["action"], code: "invalid_value", message: expect.stringContaining("registered action") }],
    });
    const known = await call(auditLogs, `${AUDIT}?action=api_keys.revoked`, { token: owner.token });
    expect(known.status).toBe(200);
    expect(known.body.data).toEqual([]);
  });

  it("stores the registry's severity unless the call site gives one", async () => {
    const owner = await registerOwner();
    await recordAudit(prisma, { tenantId: owner.tenantId, actor: { type: "system" }, action: "api_keys.revoked" });
    await recordAudit(prisma, { tenantId: owner.tenantId, actor: { type: "system" }, action: "webhooks.endpoint_configured", severity: "warning" });
    const rows = await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId }, select: { action: true, severity: true } });
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: "auth.signed_up", severity: "info" },
        { action: "api_keys.revoked", severity: "critical" },
        { action: "webhooks.endpoint_configured", severity: "warning" },
      ]),
    );
    expect(rows).toHaveLength(3);
  });
});

/** `{"payload": {"a": [[…]]}}`, `depth` levels of arrays and objects in all. */
function nestedPayload(depth: number) {
  return `{"payload": {"a": ${"[".repeat(depth - 2)}${"]".repeat(depth - 2)}}}`;
}

describe("JSON nesting depth", () => {
  it("answers 400 json_too_deep for a 6,000-deep body without running the schema, and accepts 32 levels", async () => {
    const owner = await registerOwner();
    const deep = nestedPayload(6000);
    expect(Buffer.byteLength(deep)).toBeLessThan(64 * 1024);
    const refused = await call(sendTestWebhook, "/api/v1/auth/tenants/webhooks/test/", { token: owner.token, body: deep });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: { code: "json_too_deep", message: expect.stringContaining(`${MAX_JSON_DEPTH}`), request_id: ANY_REQUEST_ID } });
    expect(await prisma.webhookMessage.count({ where: { tenantId: owner.tenantId } })).toBe(0);

    // Parsed and validated: the service then answers that there is no endpoint to send to.
    const deepest = await call(sendTestWebhook, "/api/v1/auth/tenants/webhooks/test/", { token: owner.token, body: nestedPayload(MAX_JSON_DEPTH) });
    expect(deepest.status).toBe(409);
    expect(deepest.body.error.code).toBe("webhook_not_configured");
    const tooDeep = await call(sendTestWebhook, "/api/v1/auth/tenants/webhooks/test/", { token: owner.token, body: nestedPayload(MAX_JSON_DEPTH + 1) });
    expect(tooDeep.body.error.code).toBe("json_too_deep");
  });
});

describe("next-auth's endpoints", () => {
  /** A form post to the credentials callback whose body never says how long it is, or says it is short. */
  function streamedRequest(bytes: number, contentLength?: number) {
    const { stream, seen } = chunkedBody(bytes, 1024);
    const request = streamingRequest("/api/auth/callback/credentials", stream, { "content-type": "application/x-www-form-urlencoded" }, contentLength);
    return { request, sent: () => seen.pulledBytes };
  }

  it.each([["absent", undefined], ["lying", 100]])(
    "answer 413 in the error shape for an oversized body whose Content-Length is %s, without reading all of it",
    async (_label, contentLength) => {
      const { request, sent } = streamedRequest(1024 * 1024, contentLength);
      const response = await nextAuthPost(request, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
      expect(sent()).toBeLessThan(64 * 1024);
    },
  );

  it("refuses a declared oversized body before reading it", async () => {
    const { request, sent } = streamedRequest(1024 * 1024, 1024 * 1024);
    const response = await nextAuthPost(request, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) });
    expect(response.status).toBe(413);
    expect(sent()).toBeLessThanOrEqual(1024);
  });
});

describe("every /api answer is in the error shape", () => {
  // Every route file of the app, route groups included: a group's "(name)" folder is not part of the URL,
  // so app/(stripe-simulator)/api/... serves /api/... as much as app/api/... does.
  const allRouteModules = import.meta.glob<Record<string, unknown>>("../app/**/route.ts");
  const urlPathOf = (file: string) =>
    file
      .replace(/^\.\.\/app/, "")
      .replace(/\/\([^/]+\)/g, "")
      .replace(/\/route\.ts$/, "") || "/";
  const CATCH_ALL = "/api/[[...path]]";
  const apiRouteFiles = Object.keys(allRouteModules).filter((file) => /^\/api(\/|$)/.test(urlPathOf(file)) && urlPathOf(file) !== CATCH_ALL);
  const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
  const isFiller = (handler: unknown) => typeof handler === "function" && METHOD_NOT_ALLOWED in handler;
  type Handler = (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

  it("finds the route files under /api, those inside route groups too", () => {
    const paths = apiRouteFiles.map(urlPathOf);
    expect(paths.length).toBeGreaterThan(25);
    expect(paths).toEqual(expect.arrayContaining(["/api/health", "/api/stripe-simulator/finish", "/api/auth/[...nextauth]"]));
    expect(Object.keys(allRouteModules).map(urlPathOf)).toContain(CATCH_ALL);
  });

  it.each(apiRouteFiles)("%s answers every method it lacks with 405, JSON and Allow", async (file) => {
    const routeModule = await allRouteModules[file]();
    const implemented = METHODS.filter((method) => typeof routeModule[method] === "function" && !isFiller(routeModule[method]));
    expect(implemented.length).toBeGreaterThan(0);
    for (const method of METHODS) {
      expect(typeof routeModule[method], `${file} exports ${method}`).toBe("function");
      if (implemented.includes(method)) continue;
      const handler = routeModule[method] as Handler;
      const response = await handler(new NextRequest(new URL("/api/x", BASE_URL), { method }), { params: Promise.resolve({}) });
      expect(response.status).toBe(405);
      expect(response.headers.get("request-id")).toMatch(/^req_[0-9A-Za-z]{24}$/);
      const allow = response.headers.get("allow")?.split(", ") ?? [];
      expect(allow).toEqual(expect.arrayContaining([...implemented, "OPTIONS"]));
      expect(allow).not.toContain(method);
      expect(await response.json()).toEqual({ error: { code: "method_not_allowed", message: expect.stringContaining(method), request_id: ANY_REQUEST_ID } });
    }
    const options = await (routeModule.OPTIONS as () => Promise<Response>)();
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")?.split(", ").sort()).toEqual(
      [...implemented, ...(implemented.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort(),
    );
  });

  // No route exports HEAD: Next answers it with the GET export (and sends no body). So HEAD is
  // answered wherever GET is, and where GET is a filler, HEAD is a 405 whose Allow leaves HEAD out.
  it.each(apiRouteFiles)("%s answers HEAD as Next dispatches it: with its GET", async (file) => {
    const routeModule = await allRouteModules[file]();
    expect(routeModule.HEAD).toBeUndefined();
    const dispatched = autoImplementMethods(routeModule as Parameters<typeof autoImplementMethods>[0]);
    expect(dispatched.HEAD).toBe(routeModule.GET);
    if (!isFiller(routeModule.GET)) {
      expect((await (routeModule.OPTIONS as () => Promise<Response>)()).headers.get("allow")).toContain("HEAD");
      return;
    }
    const response = await (dispatched.HEAD as Handler)(new NextRequest(new URL("/api/x", BASE_URL), { method: "HEAD" }), { params: Promise.resolve({}) });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")?.split(", ")).not.toContain("HEAD");
    expect(response.headers.get("allow")).toBe((await (routeModule.OPTIONS as () => Promise<Response>)()).headers.get("allow"));
  });

  it("answers HEAD on a GET route with GET's status and headers", async () => {
    const owner = await registerOwner();
    const head = await call(auditLogs, AUDIT, { method: "HEAD", token: owner.token });
    const get = await call(auditLogs, AUDIT, { token: owner.token });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
    expect((await call(auditLogs, AUDIT, { method: "HEAD" })).status).toBe(401);
  });

  it("answers unknown /api paths, /api and /api/v1 with a JSON 404 for every method", async () => {
    for (const method of [...METHODS, "OPTIONS"] as const) {
      const handler = unknownApiPath[method] as () => Promise<Response>;
      const response = await handler();
      expect(response.status).toBe(404);
      const requestId = response.headers.get("request-id");
      expect(requestId).toMatch(/^req_[0-9A-Za-z]{24}$/);
      expect(await response.json()).toEqual({ error: { code: "not_found", message: expect.any(String), request_id: requestId } });
    }
  });
});

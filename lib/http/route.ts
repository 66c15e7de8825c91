import type { NextRequest } from "next/server";
import { z } from "zod";
import { env } from "@/lib/env";
import { authenticateApiKey, type ApiKeyCaller } from "@/lib/api-keys/api-keys";
import { resolveCaller, type Caller } from "@/lib/auth/caller";
import { bearerCredential } from "@/lib/auth/tokens";
import { hasRole, PLATFORM_ROLES, type Role } from "@/lib/auth/roles";
import { PAGE_TENANT_HEADER } from "@/lib/http/page-tenant";
import { apiError, toErrorResponse, validationError } from "@/lib/http/errors";
import { readBodyText } from "@/lib/http/read-body";
import { consumeRateLimit, type RateLimitKind } from "@/lib/http/rate-limit";
import { MAX_JSON_DEPTH, jsonNestingDepth } from "@/lib/http/json-depth";
import { addressedOrigin, requestMetaFromHeaders, type RequestMeta } from "@/lib/http/request-meta";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * "public", the least portal role, "api_key" for the platform API (Bearer sk_…), or
 * "platform_admin" for the platform's operators (whatever their tenant role).
 */
type Access = "public" | Role | "api_key" | "platform_admin";

type CallerFor<A extends Access> = A extends "api_key" ? ApiKeyCaller : A extends "public" ? Caller | null : Caller;

type HandlerContext<A extends Access, B, Q, P> = {
  req: NextRequest;
  body: B;
  query: Q;
  params: P;
  caller: CallerFor<A>;
  meta: RequestMeta;
};

type RouteOptions<A extends Access, B, Q> = {
  /** Least role that may call; "public" skips authentication; "platform_admin" needs an operator. */
  access: A;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** A per-tenant budget (lib/http/rate-limit.ts), spent once the input is valid and before the handler runs. */
  limit?: RateLimitKind;
};

type RouteContext = { params: Promise<Record<string, string | string[]>> };

async function parseJsonBody<B>(req: NextRequest, schema: z.ZodType<B>): Promise<B> {
  const text = await readBodyText(req);
  let data: unknown = {};
  if (text.trim() !== "") {
    if (jsonNestingDepth(text) > MAX_JSON_DEPTH) {
      throw apiError("json_too_deep", `The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`);
    }
    try {
      data = JSON.parse(text);
    } catch {
      throw apiError("invalid_json");
    }
  }
  const result = schema.safeParse(data);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

function parseQuery<Q>(req: NextRequest, schema: z.ZodType<Q>): Q {
  const result = schema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/**
 * Cookie-authenticated writes must come from our own pages. Bearer clients are
 * not exposed to CSRF (browsers never attach the header on their own).
 */
function assertSameOrigin(req: NextRequest): void {
  const origin = req.headers.get("origin");
  const allowed = new Set([new URL(env().appUrl).origin]);
  const addressed = addressedOrigin(req.headers, req.nextUrl.protocol);
  if (addressed) allowed.add(addressed);
  if (!origin || !allowed.has(origin)) {
    throw apiError("csrf_origin_mismatch");
  }
}

/**
 * A portal page names the tenant it was rendered for. If the session moved to
 * another tenant since (a switch in another tab), the page must not act on,
 * or show, the new tenant's data under the old one's name.
 */
function assertPageTenant(req: NextRequest, caller: Caller | null): void {
  const pageTenant = req.headers.get(PAGE_TENANT_HEADER);
  if (caller?.via === "session" && pageTenant && pageTenant !== caller.tenantId) {
    throw apiError("tenant_changed", "This page was opened for another tenant; the session has switched since. Reload the page.");
  }
}

async function resolveAccess(req: NextRequest, access: Access): Promise<Caller | ApiKeyCaller | null> {
  if (access === "api_key") {
    const credential = bearerCredential(req.headers);
    if (!credential) throw apiError("invalid_api_key", "Send your secret key as Authorization: Bearer sk_….");
    return authenticateApiKey(credential);
  }
  // A public endpoint ignores a stale token rather than refusing the request.
  if (access === "public") {
    const caller = await resolveCaller(req.headers, req.cookies).catch(() => null);
    assertPageTenant(req, caller);
    return caller;
  }
  const caller = await resolveCaller(req.headers, req.cookies);
  if (!caller) throw apiError("unauthorized");
  // No tenant is acted on, so the page tenant does not matter; no tenant role, owner included, stands in for it.
  if (access === "platform_admin") {
    if (caller.platformRole !== PLATFORM_ROLES.operator) throw apiError("forbidden", "This action is for the platform's operators.");
    return caller;
  }
  // Before the role check: in the other tenant the role may differ, and the page must reload, not fail.
  assertPageTenant(req, caller);
  if (!hasRole(caller.role, access)) {
    throw apiError("forbidden", `This action needs the ${access} role; you are ${caller.role}.`);
  }
  return caller;
}

/**
 * The one wrapper for /api/v1 handlers: caller, role, CSRF, body and query
 * parsing, and the error shape. Handlers receive parsed input and return JSON.
 */
export function apiRoute<A extends Access, B = undefined, Q = undefined, P = Record<string, string>>(
  options: RouteOptions<A, B, Q>,
  handler: (ctx: HandlerContext<A, B, Q, P>) => Promise<Response>,
) {
  return async function route(req: NextRequest, context?: RouteContext): Promise<Response> {
    try {
      const caller = await resolveAccess(req, options.access);
      if (caller && "via" in caller && caller.via === "session" && !SAFE_METHODS.has(req.method)) assertSameOrigin(req);

      const query = (options.query ? parseQuery(req, options.query) : undefined) as Q;
      const body = (options.body ? await parseJsonBody(req, options.body) : undefined) as B;
      const params = ((await context?.params) ?? {}) as P;
      if (options.limit && caller) await consumeRateLimit(options.limit, "tenantId" in caller ? caller.tenantId : caller.tenant.id);
      return await handler({
        req,
        body,
        query,
        params,
        caller: caller as CallerFor<A>,
        meta: requestMetaFromHeaders(req.headers),
      });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

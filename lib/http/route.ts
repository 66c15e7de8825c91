import type { NextRequest } from "next/server";
import { z } from "zod";
import { env } from "@/lib/env";
import type { ApiKeyCaller } from "@/lib/api-keys/api-keys";
import { admitApiKeyRequest } from "@/lib/api-traffic/admission";
import { rateLimitHeaders } from "@/lib/api-traffic/rate-limit-headers";
import { recordApiRequest } from "@/lib/api-traffic/recorder";
import { routeTemplate } from "@/lib/api-traffic/route-template";
import type { ApiKeyAdmission } from "@/lib/api-traffic/types";
import { resolveCaller, type Caller } from "@/lib/auth/caller";
import { hasRole, PLATFORM_ROLES, type Role } from "@/lib/auth/roles";
import { mustEnrolTwoFactor } from "@/lib/auth/two-factor-rules";
import { PAGE_TENANT_HEADER } from "@/lib/http/page-tenant";
import { AppError, apiError, toErrorResponse, validationError, type ErrorCode } from "@/lib/http/errors";
import { readBodyText } from "@/lib/http/read-body";
import { withHeaders, withRequestId } from "@/lib/http/request-context";
import { consumeRateLimit, type RateLimitKind } from "@/lib/http/rate-limit";
import { MAX_JSON_DEPTH, jsonNestingDepth } from "@/lib/http/json-depth";
import { addressedOrigin, requestMetaFromHeaders, type RequestMeta } from "@/lib/http/request-meta";
import { log } from "@/lib/log";
import { countRateLimited, observeApiRequest } from "@/lib/metrics/registry";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * "public", the least portal role, "api_key" for the platform API (Bearer sk_…), or
 * "platform_admin" for the platform's operators (whatever their tenant role).
 */
export type Access = "public" | Role | "api_key" | "platform_admin";

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
  /**
   * Answers a member whose tenant requires two-factor sign-in before they have
   * it: enrolment, sign-out and `me` only. Every other route refuses them with
   * 403 two_factor_enrolment_required.
   */
  beforeTwoFactor?: true;
};

/** A route's declared access and input schemas, as the API description reads them. */
export type RouteDefinition = { access: Access; body?: z.ZodType; query?: z.ZodType };

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

/** A member held at enrolment (their tenant requires two-factor, they have none) reaches only the routes that say they answer them. */
function assertTwoFactorEnrolled(caller: Caller, beforeTwoFactor: boolean): void {
  if (!beforeTwoFactor && mustEnrolTwoFactor(caller)) {
    throw apiError(
      "two_factor_enrolment_required",
      `${caller.tenantName} requires two-factor sign-in. Turn it on first: POST /api/v1/auth/two-factor/enrol/, then POST /api/v1/auth/two-factor/confirm/.`,
    );
  }
}

async function resolvePortalAccess(req: NextRequest, access: Exclude<Access, "api_key">, beforeTwoFactor: boolean): Promise<Caller | null> {
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
    assertTwoFactorEnrolled(caller, beforeTwoFactor);
    return caller;
  }
  // Before the role check: in the other tenant the role may differ, and the page must reload, not fail.
  assertPageTenant(req, caller);
  if (!hasRole(caller.role, access)) {
    throw apiError("forbidden", `This action needs the ${access} role; you are ${caller.role}.`);
  }
  assertTwoFactorEnrolled(caller, beforeTwoFactor);
  return caller;
}

/**
 * The metrics and the log line of one answered request. `route` is the
 * template with the method in front ("GET /v1/payments/{paymentId}"); the
 * metrics label the method and the rest apart. The line is built only when
 * info lines are written.
 */
function observeRequest(method: string, route: string, status: number, elapsedMs: number, errorCode: ErrorCode | null, tenantId: string | undefined) {
  const path = route.slice(method.length + 1);
  observeApiRequest(method, path, status, elapsedMs / 1000);
  if (status === 429) countRateLimited(errorCode ?? "too_many_requests");
  if (log.isLevelEnabled("info")) {
    log.info({ method, route: path, status, latency_ms: Math.round(elapsedMs * 10) / 10, tenant_id: tenantId, error_code: errorCode ?? undefined }, "api request");
  }
}

/** The error code an answer carries, for the request log. */
function errorCodeOf(error: unknown): ErrorCode {
  if (error instanceof AppError) return error.code;
  if (error instanceof z.ZodError) return "validation_error";
  return "internal_error";
}

/**
 * The one wrapper for /api/v1 handlers: request id, caller, role, CSRF, body
 * and query parsing, and the error shape. Handlers receive parsed input and
 * return JSON. A route with access "api_key" is the platform API: the key's
 * rate limit is applied and announced (RateLimit headers), and every answer is
 * handed to the traffic recorder (request log, usage, last_used_at).
 */
export function apiRoute<A extends Access, B = undefined, Q = undefined, P = Record<string, string>>(
  options: RouteOptions<A, B, Q>,
  handler: (ctx: HandlerContext<A, B, Q, P>) => Promise<Response>,
) {
  const route = function route(req: NextRequest, context?: RouteContext): Promise<Response> {
    return withRequestId(async (requestId) => {
      const started = performance.now();
      const meta = requestMetaFromHeaders(req.headers);
      let admission: ApiKeyAdmission | null = null;
      let params: Record<string, string | string[]> = {};
      let response: Response;
      let errorCode: ErrorCode | null = null;
      let tenantId: string | undefined;
      try {
        params = (await context?.params) ?? {};
        let caller: Caller | ApiKeyCaller | null;
        if (options.access === "api_key") {
          admission = await admitApiKeyRequest(req.headers, meta);
          if (admission.error) throw admission.error;
          caller = admission.caller;
        } else {
          caller = await resolvePortalAccess(req, options.access as Exclude<Access, "api_key">, options.beforeTwoFactor === true);
          if (caller && caller.via === "session" && !SAFE_METHODS.has(req.method)) assertSameOrigin(req);
        }
        tenantId = caller ? ("tenantId" in caller ? caller.tenantId : caller.tenant.id) : undefined;

        const query = (options.query ? parseQuery(req, options.query) : undefined) as Q;
        const body = (options.body ? await parseJsonBody(req, options.body) : undefined) as B;
        if (options.limit && tenantId) await consumeRateLimit(options.limit, tenantId);
        response = await handler({ req, body, query, params: params as P, caller: caller as CallerFor<A>, meta });
      } catch (error) {
        errorCode = errorCodeOf(error);
        response = toErrorResponse(error);
      }
      if (admission?.rateLimit) response = withHeaders(response, rateLimitHeaders(admission.rateLimit));
      const elapsedMs = performance.now() - started;
      const route = routeTemplate(req.method, req.nextUrl.pathname, params);
      const status = response.status;
      if (admission?.key) {
        recordApiRequest({
          requestId,
          at: new Date(),
          key: admission.key,
          method: req.method,
          route,
          path: req.nextUrl.pathname,
          status,
          latencyMs: Math.round(elapsedMs),
          ip: meta.ip,
          userAgent: meta.userAgent,
          errorCode,
        });
      }
      observeRequest(req.method, route, status, elapsedMs, errorCode, tenantId);
      return response;
    });
  };
  // What the route accepts, read back by the OpenAPI document (lib/openapi): the schemas it documents are the ones checked here.
  return Object.assign(route, { definition: { access: options.access, body: options.body, query: options.query } as RouteDefinition });
}

// Type only: the error module is server code (it imports zod), but its code names are the contract.
import type { ErrorCode } from "@/lib/http/errors";
import { PAGE_TENANT_HEADER } from "@/lib/http/page-tenant";

/** The one fetch helper for the browser: JSON in, JSON out, the API's error shape as ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Field → first message, from a validation_error's zod issues. */
  fieldErrors(): Record<string, string> {
    return Array.isArray(this.details) ? firstMessagePerField(this.details as FieldIssue[]) : {};
  }
}

type FieldIssue = { path?: readonly PropertyKey[]; message?: string };

/**
 * Field → its first message, from zod issues: a form's own check against the
 * shared schema before it sends, or the server's validation_error details.
 */
export function firstMessagePerField(issues: readonly FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path?.[0];
    if (field !== undefined && issue.message && !out[String(field)]) out[String(field)] = issue.message;
  }
  return out;
}


let pageTenantId: string | null = null;

/**
 * Set by the portal shell. Every call then names the tenant the page shows,
 * so a tab left open on one tenant cannot act on another after a switch in
 * another tab (the API answers 409 tenant_changed and the page reloads).
 */
export function setPageTenant(tenantId: string | null) {
  pageTenantId = tenantId;
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (pageTenantId) headers[PAGE_TENANT_HEADER] = pageTenantId;
  const response = await fetch(path, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data as { error?: { code?: ErrorCode; message?: string; details?: unknown } } | null)?.error;
    // The session now acts for another tenant: show that tenant, not this page's stale one.
    if (error?.code === "tenant_changed") window.location.reload();
    throw new ApiError(
      response.status,
      // No error shape: the answer came from something in front of the portal (a proxy's error page).
      error?.code ?? "internal_error",
      error?.message ?? `The portal answered ${response.status}.`,
      error?.details,
    );
  }
  return data as T;
}

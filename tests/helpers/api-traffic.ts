import { expect } from "vitest";
import { POST as register } from "@/app/api/v1/auth/register/route";
import { presentedKey } from "@/lib/api-traffic/admission";
import { recordApiRequest } from "@/lib/api-traffic/recorder";
import type { ApiRequestRecord } from "@/lib/api-traffic/types";
import { prisma } from "@/lib/db";
import { newRequestId } from "@/lib/http/request-context";
import { call, nextTestIp } from "./api";

type IssuedKey = { id: string; mode: string; type: string; key: string };

let counter = 0;

/** A fresh tenant through the API, with its owner's access token and the secret keys it was shown once. */
export async function tenantWithSecrets() {
  counter += 1;
  const result = await call(register, "/api/v1/auth/register/", {
    body: { email: `traffic${counter}-${Date.now()}@example.test`, password: "long enough password", name: "Traffic Owner", tenant_name: `Traffic ${counter}` },
    ip: nextTestIp(),
  });
  expect(result.status).toBe(201);
  const keys = result.body.api_keys as IssuedKey[];
  const secret = (mode: string) => keys.find((key) => key.mode === mode && key.type === "secret")!;
  return {
    token: result.body.access_token as string,
    tenantId: result.body.tenant.id as string,
    live: { id: secret("live").id, secret: secret("live").key },
    test: { id: secret("test").id, secret: secret("test").key },
  };
}

/**
 * Records a request as the route wrapper would, at a chosen time: for usage
 * and log fixtures in the past. `keyId: null` is a request refused before its
 * key was looked up.
 */
export function recordAt(
  issued: { id: string; secret: string },
  at: Date,
  overrides: Partial<Omit<ApiRequestRecord, "key">> & { keyId?: string | null } = {},
) {
  const { keyId, ...rest } = overrides;
  const key = presentedKey(issued.secret);
  if (!key) throw new Error("not a secret key");
  const record: ApiRequestRecord = {
    requestId: newRequestId(),
    at,
    key: { ...key, id: keyId === undefined ? issued.id : keyId },
    method: "GET",
    route: "GET /v1/account",
    path: "/api/v1/account/",
    status: 200,
    latencyMs: 3,
    ip: "203.0.113.5",
    userAgent: "fixture",
    errorCode: null,
    ...rest,
  };
  recordApiRequest(record);
  return record;
}

/** Sums of a key's usage rows by route, from the table itself. */
export async function usageByRoute(table: "minute" | "hour", keyId: string) {
  const rows = table === "minute" ? await prisma.apiUsageMinute.findMany({ where: { keyId } }) : await prisma.apiUsageHour.findMany({ where: { keyId } });
  const sums = new Map<string, { requests: number; succeeded: number; clientErrors: number; serverErrors: number; rateLimited: number; histogram: number }>();
  for (const row of rows) {
    const sum = sums.get(row.route) ?? { requests: 0, succeeded: 0, clientErrors: 0, serverErrors: 0, rateLimited: 0, histogram: 0 };
    sum.requests += row.requests;
    sum.succeeded += row.succeeded;
    sum.clientErrors += row.clientErrors;
    sum.serverErrors += row.serverErrors;
    sum.rateLimited += row.rateLimited;
    sum.histogram +=
      row.latencyLe1 + row.latencyLe2 + row.latencyLe5 + row.latencyLe10 + row.latencyLe25 + row.latencyLe50 + row.latencyLe100 +
      row.latencyLe250 + row.latencyLe500 + row.latencyLe1000 + row.latencyLe2500 + row.latencyLe5000 + row.latencyLe10000 + row.latencyOver;
    sums.set(row.route, sum);
  }
  return Object.fromEntries(sums);
}

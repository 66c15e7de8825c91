import Database from "better-sqlite3";
import pg from "pg";
import { databaseTarget, onDisconnect } from "@/lib/db";
import type { TenantRateLimits } from "@/lib/api-traffic/rate-limits";
import { asStatus, STRIPE_CONNECTION_STATUS, TENANT_STATUS, type StripeConnectionStatus, type TenantStatus } from "@/lib/statuses";

/**
 * The platform API's hot path: one read of a key by its hash on every
 * request. Through Prisma that read costs about 1.5 ms of CPU under load
 * (query compilation and result mapping), more than Next spends on the whole
 * request, and an authenticated request should keep 90% of an
 * unauthenticated route's throughput (npm run bench:keys). So this one
 * statement is prepared once and run directly on the same database. It only
 * reads, and reads the committed row every time: nothing is cached, so a
 * revoked key fails on the very next request. Every write stays in Prisma.
 */

export type KeyRecord = {
  id: string;
  mode: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  tenant: { id: string; name: string; slug: string; status: TenantStatus };
  /** null when the tenant never started Stripe onboarding */
  stripe: { status: StripeConnectionStatus; chargesEnabled: boolean; payoutsEnabled: boolean } | null;
  /** The tenant's own API rate limits (null: the platform default). */
  rateLimits: TenantRateLimits;
};

type Row = {
  id: string;
  mode: string;
  revokedAt: Date | string | null;
  expiresAt: Date | string | null;
  lastUsedAt: Date | string | null;
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  tenantStatus: string;
  tenantRateLimitLive: number | null;
  tenantRateLimitTest: number | null;
  stripeStatus: string | null;
  // SQLite answers 0/1, PostgreSQL true/false.
  stripeChargesEnabled: number | boolean | null;
  stripePayoutsEnabled: number | boolean | null;
};

const SELECT = `SELECT k."id", k."mode", k."revokedAt", k."expiresAt", k."lastUsedAt",
  t."id" AS "tenantId", t."name" AS "tenantName", t."slug" AS "tenantSlug", t."status" AS "tenantStatus",
  t."apiRateLimitLive" AS "tenantRateLimitLive", t."apiRateLimitTest" AS "tenantRateLimitTest",
  s."status" AS "stripeStatus", s."chargesEnabled" AS "stripeChargesEnabled", s."payoutsEnabled" AS "stripePayoutsEnabled"
  FROM "ApiKey" k JOIN "Tenant" t ON t."id" = k."tenantId" LEFT JOIN "StripeConnection" s ON s."tenantId" = k."tenantId"
  WHERE k."keyHash" = `;

// Prisma writes timestamps as UTC: ISO text in SQLite, `timestamp(3)` without
// time zone in PostgreSQL (which pg would otherwise read as local time).
const TIMESTAMP_OID = 1114;
const toDate = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value : new Date(value));

type Reader = { read(hash: string): Promise<Row | undefined>; close(): Promise<void> | void };

function createReader(): Reader {
  const target = databaseTarget();
  if (target.provider === "sqlite") {
    const db = new Database(target.file, { readonly: true, fileMustExist: true, timeout: 5_000 });
    const statement = db.prepare<[string], Row>(`${SELECT}?`);
    return { read: async (hash) => statement.get(hash), close: () => void db.close() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 4,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === TIMESTAMP_OID ? (value: string) => new Date(`${value.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  return {
    read: async (hash) => (await pool.query<Row>({ name: "api-key-by-hash", text: `${SELECT}$1`, values: [hash] })).rows[0],
    close: () => pool.end(),
  };
}

// Kept on globalThis in development so hot reload does not open a reader per reload.
const globalCache = globalThis as typeof globalThis & { __portalKeyReader?: Reader };

function reader(): Reader {
  if (!globalCache.__portalKeyReader) {
    const created = createReader();
    globalCache.__portalKeyReader = created;
    onDisconnect(async () => {
      if (globalCache.__portalKeyReader === created) delete globalCache.__portalKeyReader;
      await created.close();
    });
  }
  return globalCache.__portalKeyReader;
}

export async function findKeyByHash(hash: string): Promise<KeyRecord | null> {
  const row = await reader().read(hash);
  if (!row) return null;
  return {
    id: row.id,
    mode: row.mode,
    revokedAt: toDate(row.revokedAt),
    expiresAt: toDate(row.expiresAt),
    lastUsedAt: toDate(row.lastUsedAt),
    tenant: { id: row.tenantId, name: row.tenantName, slug: row.tenantSlug, status: asStatus(TENANT_STATUS, row.tenantStatus) },
    stripe:
      row.stripeStatus === null
        ? null
        : { status: asStatus(STRIPE_CONNECTION_STATUS, row.stripeStatus), chargesEnabled: Boolean(row.stripeChargesEnabled), payoutsEnabled: Boolean(row.stripePayoutsEnabled) },
    rateLimits: { apiRateLimitLive: row.tenantRateLimitLive, apiRateLimitTest: row.tenantRateLimitTest },
  };
}

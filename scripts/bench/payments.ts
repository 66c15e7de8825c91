// npm run bench:payments — with 100,000 payments in one tenant (and as many
// spread over 99 others), times GET /api/v1/payments/ as the server runs it:
// the route handler called in-process (key check, query, serialisation; no
// HTTP), for the first page, filtered first pages and a deep cursor page, and
// prints the query plan of the list query. Target: first page ≤ 50 ms.
// BENCH_PAYMENTS (default 100,000), BENCH_RUNS (default 200) size the run;
// BENCH_DATABASE_URL runs it on PostgreSQL.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { TENANT_STATUS } from "@/lib/statuses";
import { prepareDatabase } from "./server";

const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 100_000);
const OTHER_TENANTS = 99;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const CURRENCIES = ["usd", "eur", "jpy", "gbp"] as const;
const STATUSES = ["succeeded", "succeeded", "succeeded", "failed", "requires_payment_method"] as const;
const DAY_MS = 86_400_000;

type Db = (typeof import("@/lib/db"))["prisma"];
type Row = Extract<NonNullable<Parameters<Db["payment"]["createMany"]>[0]>["data"], unknown[]>[number];

/** `livemode` null mixes the modes (one in three live); the measured tenant's are all test mode, as its key. */
function paymentRows(tenantId: string, count: number, accountId: string, start: number, livemode: boolean | null): Row[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const n = start + i;
    const amount = 500 + (n % 50_000);
    const currency = CURRENCIES[n % CURRENCIES.length];
    const status = STATUSES[n % STATUSES.length];
    return {
      id: `pay_${randomBytes(12).toString("hex")}`,
      tenantId,
      livemode: livemode ?? n % 3 === 0,
      amount,
      currency,
      applicationFeeAmount: Math.round(amount * 0.029) + 30,
      status,
      stripePaymentIntentId: `pi_bench${randomBytes(12).toString("hex")}`,
      stripeAccountId: accountId,
      description: `Order ${n}`,
      metadata: { order: String(n) },
      // A year of history, newest first in insertion order is not assumed.
      createdAt: new Date(now - ((n * 7919) % 365) * DAY_MS - (n % 86_400) * 1000),
    };
  });
}

async function insertPayments(prisma: Db, tenantId: string, count: number, accountId: string, livemode: boolean | null) {
  const CHUNK = 5_000;
  for (let start = 0; start < count; start += CHUNK) {
    await prisma.payment.createMany({ data: paymentRows(tenantId, Math.min(CHUNK, count - start), accountId, start, livemode) });
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const database = await prepareDatabase();
  process.env.DATABASE_URL = database.url;
  try {
    const { prisma, disconnectPrisma } = await import("@/lib/db");
    const { generateKey } = await import("@/lib/api-keys/key-format");
    const { GET } = await import("@/app/api/v1/payments/route");
    const { NextRequest } = await import("next/server");

    const started = Date.now();
    const tenant = await prisma.tenant.create({ data: { name: "Bench tenant", slug: "bench-payments", status: TENANT_STATUS.active } });
    const secret = generateKey("secret", "test");
    await prisma.apiKey.create({ data: { tenantId: tenant.id, mode: "test", kind: "secret", prefix: secret.prefix, last4: secret.last4, keyHash: secret.hash } });
    await insertPayments(prisma, tenant.id, PAYMENTS, "acct_bench", false);
    for (let t = 0; t < OTHER_TENANTS; t++) {
      const other = await prisma.tenant.create({ data: { name: `Other ${t}`, slug: `bench-other-${t}` } });
      await insertPayments(prisma, other.id, Math.ceil(PAYMENTS / OTHER_TENANTS), `acct_other${t}`, null);
    }
    const total = await prisma.payment.count();
    const mine = await prisma.payment.count({ where: { tenantId: tenant.id, livemode: false } });
    console.log(`seeded ${total} payments (${mine} test-mode ones in the measured tenant) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (database.provider === "sqlite") await prisma.$executeRawUnsafe("ANALYZE");
    else await prisma.$executeRawUnsafe('ANALYZE "Payment"');

    const headers = { authorization: `Bearer ${secret.key}` };
    const fetchPage = async (query: string) => {
      const response = await GET(new NextRequest(`http://localhost/api/v1/payments/${query}`, { headers }));
      if (response.status !== 200) throw new Error(`GET /api/v1/payments/${query} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { data: { id: string }[]; next_cursor: string | null };
    };

    // A cursor 100 pages deep: how far a person paging through would get.
    let cursor: string | null = null;
    for (let page = 0; page < 100 && (page === 0 || cursor); page++) {
      cursor = (await fetchPage(cursor ? `?cursor=${cursor}` : "")).next_cursor;
    }
    const cases: [string, string][] = [
      ["first page", ""],
      ["status=succeeded", "?status=succeeded"],
      ["currency=jpy", "?currency=jpy"],
      ["last 30 days", `?created_gte=${new Date(Date.now() - 30 * DAY_MS).toISOString()}`],
      ["page 101 (cursor)", `?cursor=${cursor}`],
    ];

    console.log("");
    console.log(`bench:payments  ${database.provider === "sqlite" ? "SQLite" : "PostgreSQL"}, ${RUNS} runs per case, route handler in-process (25 per page)`);
    for (const [name, query] of cases) {
      for (let i = 0; i < 10; i++) await fetchPage(query);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const page = await fetchPage(query);
        times.push(performance.now() - t0);
        if (page.data.length === 0) throw new Error(`${name}: an empty page`);
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      console.log(
        `${`GET /api/v1/payments/ ${name}`.padEnd(44)} p50 ${p50.toFixed(2).padStart(6)} ms   p95 ${percentile(times, 95).toFixed(2).padStart(6)} ms   max ${times.at(-1)!.toFixed(2).padStart(6)} ms${name === "first page" ? `   (target ≤ 50 ms: ${p50 <= 50 ? "MET" : "NOT MET"})` : ""}`,
      );
    }

    console.log("");
    console.log("query plan of the first page:");
    if (database.provider === "sqlite") {
      const plan = await prisma.$queryRawUnsafe<{ detail: string }[]>(
        `EXPLAIN QUERY PLAN SELECT * FROM "Payment" WHERE "tenantId" = ? AND "livemode" = 0 ORDER BY "createdAt" DESC, "id" DESC LIMIT 26`,
        tenant.id,
      );
      for (const row of plan) console.log(`  ${row.detail}`);
    } else {
      const plan = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT * FROM "Payment" WHERE "tenantId" = $1 AND "livemode" = false ORDER BY "createdAt" DESC, "id" DESC LIMIT 26`,
        tenant.id,
      );
      for (const row of plan) console.log(`  ${row["QUERY PLAN"]}`);
    }
    await disconnectPrisma();
  } finally {
    await database.cleanup();
  }
}

main().catch((error) => {
  console.error("bench:payments failed:", error instanceof Error ? error.stack : error);
  process.exit(1);
});

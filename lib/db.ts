// The one Prisma client. DATABASE_URL picks the database: a `file:` URL (the
// default, `file:./.data/portal.db`, relative to the project root) is the
// embedded SQLite database through better-sqlite3; a `postgres://` or
// `postgresql://` URL is PostgreSQL through pg. Both clients are generated
// from prisma/schema.prisma by `npm run db:generate` (lib/generated/<provider>).
//
// The client is created on first use, not at import, so scripts and tests can
// set DATABASE_URL before touching the database, and importing this module
// (e.g. during `next build`) opens nothing.
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { databaseTarget } from "@/lib/database-url.mjs";

export { DEFAULT_DATABASE_URL, databaseTarget, type DatabaseTarget } from "@/lib/database-url.mjs";

/** How long a SQLite connection waits for another writer before failing (ms). */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

// The namespace (types such as Prisma.UserWhereInput, and values such as
// Prisma.PrismaClientKnownRequestError, which both clients share through the
// same runtime).
export { Prisma };

/** The client type the app is written against (the SQLite client's). */
export type PrismaClient = SqliteClient;

/** The `tx` in `prisma.$transaction(async (tx) => …)`. */
export type TransactionClient = Prisma.TransactionClient;

function createClient(): PrismaClient {
  const target = databaseTarget();
  if (target.provider === "postgresql") {
    // The PostgreSQL client is generated from the same models, so its API is
    // the SQLite client's (PostgreSQL only adds options, e.g. `mode:
    // "insensitive"` filters, that the app does not use). TypeScript sees two
    // distinct generated classes, hence the cast.
    // The pool is ours (handed to the adapter, which ends it on disconnect) so its use can be read for the metrics.
    const pool = new pg.Pool({ connectionString: target.url });
    globalPool.__portalPgPool = pool;
    return new PostgresClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as unknown as PrismaClient;
  }
  if (target.file !== ":memory:") {
    // The file is the deployment's, not the bundle's: keep Turbopack from tracing it.
    if (!existsSync(/*turbopackIgnore: true*/ target.file)) {
      throw new Error(`SQLite database ${target.file} does not exist: run \`npm run db:migrate\``);
    }
    // WAL lets the dev server and a seed script (or a test and the app) read
    // and write the same file at once; the mode is stored in the file, and
    // switching needs a connection of its own, so do it before the adapter
    // opens one. `db:migrate` sets it too.
    const db = new Database(target.file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    try {
      db.pragma("journal_mode = WAL");
    } finally {
      db.close();
    }
  }
  // better-sqlite3's `timeout` is SQLite's busy timeout.
  const adapter = new PrismaBetterSqlite3({ url: target.file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const sqlite = new SqliteClient({ adapter });
  // WAL with synchronous=NORMAL (SQLite's recommendation for WAL): a commit
  // survives a crash of the process, only the last ones may be lost on power
  // failure; FULL would fsync on every commit. The adapter has one connection
  // and runs statements in order, so this applies before any other query.
  void sqlite.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => undefined);
  return sqlite;
}

// Beside the client it belongs to, so a hot reload that keeps the client keeps its pool readable.
const globalPool = globalThis as typeof globalThis & { __portalPgPool?: pg.Pool };

/** Connections of the PostgreSQL pool (open, idle, and queries waiting for one); null on SQLite or before first use. */
export function databasePoolUse(): { total: number; idle: number; waiting: number } | null {
  const pool = globalPool.__portalPgPool;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

// Development: Next's hot reload re-evaluates this module; keeping the client
// on globalThis reuses its connections instead of leaking a pool per reload.
const globalCache = globalThis as typeof globalThis & { __portalPrisma?: PrismaClient };
let client: PrismaClient | undefined;

function getClient(): PrismaClient {
  client ??= globalCache.__portalPrisma ?? createClient();
  if (process.env.NODE_ENV !== "production") globalCache.__portalPrisma = client;
  return client;
}

/** The Prisma client, created from DATABASE_URL on first property access. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = getClient();
    const value = Reflect.get(instance, property, instance);
    return typeof value === "function" ? value.bind(instance) : value;
  },
  has: (_target, property) => Reflect.has(getClient(), property),
});

const disconnectHooks = new Set<() => Promise<void> | void>();

/** Lets a module with its own connection to the same database close it with the client. */
export function onDisconnect(hook: () => Promise<void> | void): void {
  disconnectHooks.add(hook);
}

/**
 * Closes the client (scripts, tests), and every connection registered with
 * onDisconnect. The next use of `prisma` creates a new one from the
 * then-current DATABASE_URL.
 */
export async function disconnectPrisma(): Promise<void> {
  const current = client ?? globalCache.__portalPrisma;
  client = undefined;
  delete globalPool.__portalPgPool;
  delete globalCache.__portalPrisma;
  await Promise.all([current?.$disconnect(), ...[...disconnectHooks].map((hook) => hook())]);
}

/**
 * Prisma reports unique violations as P2002, and a raw query's as P2010
 * whose driver adapter error says UniqueConstraintViolation; with driver adapters the offending fields sit in
 * different places of `meta` per provider, so look for the field name
 * anywhere in it.
 */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  const unique = code === "P2002" || (code === "P2010" && meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation");
  if (!unique) return false;
  return field === undefined || JSON.stringify(meta ?? {}).includes(field);
}

/** Driver adapter error kinds and PostgreSQL SQLSTATEs that mean the database is not there, not that the query was wrong. */
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1008", "P1017"]);
// 57P01–57P03: the server is shutting down or starting; class 08: connection exceptions.
const UNREACHABLE_SQLSTATE = /^(57P0[123]|08\d{3})$/;
const UNREACHABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"]);

/**
 * Whether an error says the database could not be reached (down, restarting,
 * connection lost) rather than that a query failed: the request may succeed
 * when retried.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta, message } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown; originalCode?: unknown } } }; message?: unknown };
  if (typeof code === "string" && (UNREACHABLE_PRISMA_CODES.has(code) || UNREACHABLE_SOCKET_CODES.has(code) || UNREACHABLE_SQLSTATE.test(code))) return true;
  const cause = meta?.driverAdapterError?.cause;
  if (cause) {
    if (typeof cause.kind === "string" && UNREACHABLE_KINDS.has(cause.kind)) return true;
    for (const sqlstate of [cause.code, cause.originalCode]) if (typeof sqlstate === "string" && UNREACHABLE_SQLSTATE.test(sqlstate)) return true;
  }
  return typeof message === "string" && /Connection terminated unexpectedly|Can't reach database server/.test(message);
}

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

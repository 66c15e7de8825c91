/**
 * Prisma reports unique violations as P2002; with driver adapters the
 * offending fields sit in different places of `meta` per provider, so look
 * for the field name anywhere in it.
 */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: unknown };
  if (code !== "P2002") return false;
  return field === undefined || JSON.stringify(meta ?? {}).includes(field);
}

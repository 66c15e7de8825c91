/** Who is on the other end of a request, as far as the audit log cares. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | null {
  if (source instanceof Headers) return source.get(name);
  const value = source[name] ?? source[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * The first X-Forwarded-For hop is the client when the portal runs behind a
 * proxy that sets it (the deployment contract in the README); Next's own
 * server sets it for direct connections too.
 */
export function requestMetaFromHeaders(source: HeaderSource): RequestMeta {
  const forwarded = header(source, "x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || header(source, "x-real-ip") || null;
  const userAgent = header(source, "user-agent")?.slice(0, 512) || null;
  return { ip, userAgent };
}

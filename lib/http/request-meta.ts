/** Who is on the other end of a request, as far as the audit log cares. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | null {
  if (source instanceof Headers) return source.get(name);
  const value = source[name] ?? source[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * The client's address is the *last* X-Forwarded-For entry: the one our own
 * reverse proxy appended (the deployment contract in the README). Entries to
 * its left were written by the client and are not trusted. Without a proxy,
 * Next's server sets the header to the socket's address when it is absent.
 */
export function requestMetaFromHeaders(source: HeaderSource): RequestMeta {
  const forwarded = header(source, "x-forwarded-for")?.split(",").at(-1)?.trim();
  const ip = forwarded || header(source, "x-real-ip") || null;
  const userAgent = header(source, "user-agent")?.slice(0, 512) || null;
  return { ip, userAgent };
}

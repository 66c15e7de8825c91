const BASE = "http://portal.invalid";

/**
 * Only paths on this site: an open redirect through callbackUrl would be a
 * phishing aid. Parsed the way the browser will parse it (which drops tabs
 * and newlines, so "/\t/evil.example" is a host), then compared by origin.
 */
export function safeCallbackUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith("/")) return "/dashboard";
  try {
    const url = new URL(value, BASE);
    return url.origin === BASE ? url.pathname + url.search + url.hash : "/dashboard";
  } catch {
    return "/dashboard";
  }
}

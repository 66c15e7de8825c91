/**
 * Secret-shaped strings people paste into free text ("revoking because
 * sk_live_… leaked"): our secret API keys and webhook secrets. They are cut
 * to their prefix before the text is stored, so the audit log and the key
 * list never hold a secret. Credentials inside URLs (?token=…) become ****.
 */
const SECRET_PATTERN = /\b(sk_(?:live|test)_|whsec_)[0-9A-Za-z+/=_-]{6,}/g;

export function redactSecrets(text: string): string {
  return redactUrlsIn(text.replace(SECRET_PATTERN, (_match, prefix: string) => `${prefix}[redacted]`));
}

/** Redacts every string inside a JSON-like value. */
export function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item)])) as T;
  }
  return value;
}

// ---------------------------------------------------------------------------
// Credentials in URLs

/** What replaces a credential in a URL; a query value of exactly this is "unchanged" when a URL is saved back. */
export const REDACTED_URL_VALUE = "****";

const SENSITIVE_WORDS = new Set(["token", "secret", "password", "passwd", "pwd", "pass", "auth", "authorization", "signature", "sig", "key", "apikey", "credential", "credentials", "session", "jwt"]);
const SENSITIVE_FRAGMENTS = ["token", "secret", "passw", "signature", "apikey", "credential", "auth"];

/** Whether a query parameter's name says its value is a credential (token, api_key, X-Amz-Signature, accessToken, sig…). */
export function isSensitiveParamName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((word) => SENSITIVE_WORDS.has(word) || SENSITIVE_FRAGMENTS.some((fragment) => word.includes(fragment)));
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}

type UrlParts = { head: string; query: string | null; fragment: string | null };

function splitUrl(url: string): UrlParts {
  const hash = url.indexOf("#");
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? null : url.slice(hash + 1);
  const question = beforeHash.indexOf("?");
  return question === -1
    ? { head: beforeHash, query: null, fragment }
    : { head: beforeHash.slice(0, question), query: beforeHash.slice(question + 1), fragment };
}

const joinUrl = ({ head, query, fragment }: UrlParts) => head + (query === null ? "" : `?${query}`) + (fragment === null ? "" : `#${fragment}`);

/** Maps each `name=value` pair of a query (or fragment) string, keeping everything else byte for byte. */
function mapPairs(text: string, map: (name: string, value: string, index: number) => string): string {
  const seen = new Map<string, number>();
  return text
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      if (equals === -1) return pair;
      const name = decodeName(pair.slice(0, equals));
      const index = seen.get(name) ?? 0;
      seen.set(name, index + 1);
      return `${pair.slice(0, equals)}=${map(name, pair.slice(equals + 1), index)}`;
    })
    .join("&");
}

/**
 * The URL with its credentials replaced by ****: the password of a
 * user:password@ part, and query (or fragment) values whose names look like
 * credentials. The rest is kept as written, so a reader still sees where it points.
 */
export function redactUrl(url: string): string {
  const parts = splitUrl(url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]*@/i, `$1${REDACTED_URL_VALUE}@`));
  const redact = (name: string, value: string) => (value !== "" && isSensitiveParamName(name) ? REDACTED_URL_VALUE : value);
  return joinUrl({
    head: parts.head,
    query: parts.query === null ? null : mapPairs(parts.query, redact),
    fragment: parts.fragment === null ? null : mapPairs(parts.fragment, redact),
  });
}

/**
 * A URL sent back after being shown redacted: each credential still reading
 * **** takes the value the stored URL has for the same parameter, so saving
 * a form that showed the redacted URL does not overwrite the real token.
 */
export function restoreRedactedUrl(submitted: string, stored: string | null): string {
  if (!stored || !submitted.includes(REDACTED_URL_VALUE)) return submitted;
  const storedParts = splitUrl(stored);
  const valuesOf = (text: string | null) => {
    const values = new Map<string, string[]>();
    for (const pair of text?.split("&") ?? []) {
      const equals = pair.indexOf("=");
      if (equals === -1) continue;
      const name = decodeName(pair.slice(0, equals));
      values.set(name, [...(values.get(name) ?? []), pair.slice(equals + 1)]);
    }
    return values;
  };
  const storedQuery = valuesOf(storedParts.query);
  const storedFragment = valuesOf(storedParts.fragment);
  const restore = (from: Map<string, string[]>) => (name: string, value: string, index: number) =>
    value === REDACTED_URL_VALUE && isSensitiveParamName(name) ? (from.get(name)?.[index] ?? value) : value;
  const parts = splitUrl(submitted);
  return joinUrl({
    head: parts.head,
    query: parts.query === null ? null : mapPairs(parts.query, restore(storedQuery)),
    fragment: parts.fragment === null ? null : mapPairs(parts.fragment, restore(storedFragment)),
  });
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`]+/gi;

/** Redacts credentials in every URL inside free text. */
export function redactUrlsIn(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}

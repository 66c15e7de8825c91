/**
 * Secret-shaped strings people paste into free text ("revoking because
 * sk_live_… leaked"): our secret API keys and webhook secrets. They are cut
 * to their prefix before the text is stored, so the audit log and the key
 * list never hold a secret.
 */
const SECRET_PATTERN = /\b(sk_(?:live|test)_|whsec_)[0-9A-Za-z+/=_-]{6,}/g;

export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, (_match, prefix: string) => `${prefix}[redacted]`);
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

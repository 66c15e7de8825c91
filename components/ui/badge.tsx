import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
// Type only: the audit actions' labels would otherwise ride along with every badge, the sidebar's included.
import type { AuditSeverity } from "@/lib/audit/actions";
import { TENANT_STATUS, WEBHOOK_MESSAGE_STATUS, type TenantStatus } from "@/lib/statuses";

// Meaning colours only: green working, amber attention, red destructive/failed, grey inactive.
const tones = {
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  red: "bg-red-50 text-red-700 ring-red-600/20",
  grey: "bg-zinc-100 text-zinc-700 ring-zinc-500/20",
  accent: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = "grey", children, className }: { tone?: BadgeTone; children: ReactNode; className?: string }) {
  return (
    <span className={cn("inline-flex items-center rounded-full whitespace-nowrap px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tones[tone], className)}>
      {children}
    </span>
  );
}

export function tenantStatusTone(status: TenantStatus): BadgeTone {
  return status === TENANT_STATUS.active ? "green" : status === TENANT_STATUS.suspended ? "red" : "amber";
}

export function severityTone(severity: AuditSeverity): BadgeTone {
  return severity === "critical" ? "red" : severity === "warning" ? "amber" : "grey";
}

export function roleTone(role: string): BadgeTone {
  return role === "owner" ? "accent" : "grey";
}

const MESSAGE_STATUS_TONE: Record<string, BadgeTone> = {
  [WEBHOOK_MESSAGE_STATUS.delivered]: "green",
  [WEBHOOK_MESSAGE_STATUS.pending]: "grey",
  [WEBHOOK_MESSAGE_STATUS.failing]: "amber",
  [WEBHOOK_MESSAGE_STATUS.failed]: "red",
};

/** A webhook message's delivery status, wherever it is listed (the delivery log, a payment's events). */
export function messageStatusTone(status: string): BadgeTone {
  return MESSAGE_STATUS_TONE[status] ?? "grey";
}

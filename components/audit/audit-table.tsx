import { Badge, severityTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { AuditLogView } from "@/lib/audit/audit-log";

const ACTION_LABELS: Record<string, string> = {
  "auth.signed_up": "Signed up",
  "auth.signed_in": "Signed in",
  "auth.signed_out": "Signed out",
  "auth.login_failed": "Failed sign-in",
  "auth.login_throttled": "Sign-in throttled",
  "api_keys.regenerated": "API keys regenerated",
  "api_keys.revoked": "API keys revoked",
  "webhooks.endpoint_configured": "Webhook endpoint set",
  "webhooks.endpoint_removed": "Webhook endpoint removed",
  "webhooks.endpoint_disabled": "Webhook endpoint disabled",
  "webhooks.secret_revealed": "Webhook secret revealed",
  "webhooks.test_sent": "Webhook test event sent",
  "webhooks.delivery_retried": "Webhook delivery retried",
  "stripe.connect_started": "Stripe onboarding started",
  "stripe.account_connected": "Stripe account connected",
  "stripe.connect_failed": "Stripe onboarding failed",
  "stripe.account_disconnected": "Stripe disconnected",
  "stripe.access_lost": "Stripe access lost",
  "members.role_changed": "Role changed",
  "members.removed": "Member removed",
  "invitations.created": "Invitation created",
  "invitations.revoked": "Invitation revoked",
  "invitations.accepted": "Invitation accepted",
  "auth.tenant_switched": "Switched to this tenant",
};

/** What was acted on, in words: "live and test keys", "test keys". */
function targetText(entry: AuditLogView): string | null {
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

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

function Actor({ entry }: { entry: AuditLogView }) {
  const { actor } = entry;
  const name = actor.type === "user" ? (actor.name ?? actor.label ?? "user") : actor.type === "anonymous" ? "Unknown account" : actor.type;
  const detail = actor.type === "user" ? (actor.email ?? actor.label) : actor.label;
  return (
    <>
      <p className="text-zinc-800">{name}</p>
      {detail ? <p className="max-w-[260px] truncate text-xs text-zinc-500" title={detail}>{detail}</p> : null}
    </>
  );
}

export function AuditTable({ entries, compact = false }: { entries: AuditLogView[]; compact?: boolean }) {
  return (
    <Table label={compact ? "Recent audit log entries" : "Audit log entries"}>
      <thead>
        <tr>
          <Th>Action</Th>
          <Th>Actor</Th>
          <Th>Time</Th>
          {compact ? null : (
            <>
              <Th>IP</Th>
              <Th>User agent</Th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <Tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
            <Td>
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="font-medium whitespace-nowrap text-zinc-900">{actionLabel(entry.action)}</span>
                {entry.severity !== "info" ? <Badge tone={severityTone(entry.severity)}>{entry.severity}</Badge> : null}
              </div>
              <code className="font-mono text-xs text-zinc-500">{entry.action}</code>
              {targetText(entry) ? <p className="mt-1 text-xs text-zinc-600">{targetText(entry)}</p> : null}
              {entry.reason ? <p className="mt-1 text-xs text-zinc-600">Reason: {entry.reason}</p> : null}
            </Td>
            <Td>
              <Actor entry={entry} />
            </Td>
            <Td className="whitespace-nowrap text-zinc-600">
              <RelativeTime date={entry.created_at} />
            </Td>
            {compact ? null : (
              <>
                <Td className="font-mono text-xs text-zinc-600">{entry.ip ?? "—"}</Td>
                <Td className="max-w-[260px] truncate text-xs text-zinc-500" title={entry.user_agent ?? undefined}>
                  {entry.user_agent ?? "—"}
                </Td>
              </>
            )}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

import Link from "next/link";
import { usageHref } from "@/components/api-traffic/traffic-filters";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { ApiKeyView, KeyStatus } from "@/lib/api-keys/api-keys";
import { API_KEY_STATUS } from "@/lib/statuses";
import { cn } from "@/lib/utils";

// Seven columns fit the content width at 1280 px only with tighter cells than the default.
const cell = "px-3 first:pl-5 last:pr-5";

const STATUS_TONE: Record<KeyStatus, BadgeTone> = { active: "green", expiring: "amber", revoked: "red", expired: "grey" };

/** Each secret key's requests over the last 24 hours, from one usage call for the whole page. */
export type KeyRequests = { state: "loading" | "failed" } | { state: "ready"; byKey: Map<string, number> };

function Requests24h({ apiKey, requests }: { apiKey: ApiKeyView; requests: KeyRequests }) {
  // Publishable keys never call the platform API: nothing to count.
  if (apiKey.type !== "secret") return (
      <span className="text-zinc-400">
        <span aria-hidden>—</span>
        <span className="sr-only">Not applicable</span>
      </span>
    );
  if (requests.state !== "ready") return requests.state === "loading" ? <span className="text-zinc-400">…</span> : <span className="text-zinc-500">unavailable</span>;
  const count = requests.byKey.get(apiKey.id) ?? 0;
  return (
    <Link href={usageHref({ key: apiKey.id })} className="font-medium tabular-nums text-indigo-700 hover:underline" aria-label={`${count} requests in the last 24 hours with ${apiKey.key}: open its usage`} data-testid="api-key-requests">
      {new Intl.NumberFormat().format(count)}
    </Link>
  );
}

export function KeyTable({ keys, history = false, requests24h }: { keys: ApiKeyView[]; history?: boolean; requests24h: KeyRequests }) {
  return (
    <Table label={history ? "Revoked and expired keys" : "Keys in use"}>
      <thead>
        <tr>
          <Th className={cell}>Mode</Th>
          <Th className={cell}>Type</Th>
          <Th className={cell}>Key</Th>
          <Th className={cell}>Status</Th>
          <Th className={cell}>Created</Th>
          <Th className={cn(cell, "whitespace-nowrap")}>{history ? "Ended" : "Last used"}</Th>
          <Th className={cn(cell, "text-right")}>Requests, 24 h</Th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <Tr key={key.id} data-testid="api-key-row" data-mode={key.mode} data-type={key.type} data-status={key.status}>
            <Td className={cell}>
              <Badge tone={key.mode === "live" ? "accent" : "grey"}>{key.mode}</Badge>
            </Td>
            <Td className={cn(cell, "text-zinc-700")}>{key.type}</Td>
            <Td className={cell}>
              <code className="block max-w-[17rem] font-mono text-xs break-all text-zinc-900" data-testid="api-key-value">
                {key.key}
              </code>
            </Td>
            <Td className={cell}>
              <Badge tone={STATUS_TONE[key.status]}>{key.status}</Badge>
              {key.status === API_KEY_STATUS.expiring && key.expires_at ? (
                <p className="mt-1 text-xs text-amber-700">
                  until <RelativeTime date={key.expires_at} />
                </p>
              ) : null}
              {key.revoked_reason ? <p className="mt-1 max-w-[220px] text-xs text-zinc-500">{key.revoked_reason}</p> : null}
            </Td>
            <Td className={cn(cell, "whitespace-nowrap text-zinc-600")}>
              <RelativeTime date={key.created_at} />
              {key.created_by ? <p className="text-xs text-zinc-500">by {key.created_by.name}</p> : null}
            </Td>
            <Td className={cn(cell, "whitespace-nowrap text-zinc-600")}>
              <RelativeTime date={history ? (key.revoked_at ?? key.expires_at) : key.last_used_at} />
            </Td>
            <Td className={cn(cell, "text-right whitespace-nowrap")}>
              <Requests24h apiKey={key} requests={requests24h} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

import Link from "next/link";
import { usageHref } from "@/components/api-traffic/traffic-filters";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CopyButton, IdWithCopy } from "@/components/ui/copy-field";
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

/**
 * The key as it is shown (a publishable key whole, a secret key masked), and the key's id, which
 * the API's usage and request filters take. A whole key can be copied; a masked one has only its id to copy.
 */
function KeyValue({ apiKey }: { apiKey: ApiKeyView }) {
  const whole = apiKey.type === "publishable";
  return (
    <>
      <span className="flex items-start gap-1">
        <code className="block max-w-[17rem] min-w-0 font-mono text-xs break-all text-zinc-900" data-testid="api-key-value">
          {apiKey.key}
        </code>
        {whole ? <CopyButton value={apiKey.key} label={`${apiKey.mode} publishable key ${apiKey.key}`} compact className="-my-1.5" /> : null}
      </span>
      <span className="mt-0.5 flex items-center gap-1 text-xs text-zinc-500">
        id <IdWithCopy id={apiKey.id} label="key id" short />
      </span>
    </>
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
            <Td className={cell} label="Mode">
              <Badge tone={key.mode === "live" ? "accent" : "grey"}>{key.mode}</Badge>
            </Td>
            <Td className={cn(cell, "text-zinc-700")} label="Type">
              {key.type}
            </Td>
            <Td className={cell} label="Key">
              <KeyValue apiKey={key} />
            </Td>
            <Td className={cell} label="Status">
              <Badge tone={STATUS_TONE[key.status]}>{key.status}</Badge>
              {key.status === API_KEY_STATUS.expiring && key.expires_at ? (
                <p className="mt-1 text-xs text-amber-700">
                  until <RelativeTime date={key.expires_at} />
                </p>
              ) : null}
              {key.revoked_reason ? <p className="mt-1 max-w-[220px] text-xs text-zinc-500">{key.revoked_reason}</p> : null}
            </Td>
            <Td className={cn(cell, "whitespace-nowrap text-zinc-600")} label="Created">
              <RelativeTime date={key.created_at} />
              {key.created_by ? <p className="text-xs text-zinc-500">by {key.created_by.name}</p> : null}
            </Td>
            <Td className={cn(cell, "whitespace-nowrap text-zinc-600")} label={history ? "Ended" : "Last used"}>
              <RelativeTime date={history ? (key.revoked_at ?? key.expires_at) : key.last_used_at} />
            </Td>
            <Td className={cn(cell, "text-right whitespace-nowrap")} label="Requests, 24 h">
              <Requests24h apiKey={key} requests={requests24h} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

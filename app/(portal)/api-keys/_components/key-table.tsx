import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { ApiKeyView, KeyStatus } from "@/lib/api-keys/api-keys";
import { API_KEY_STATUS } from "@/lib/statuses";

const STATUS_TONE: Record<KeyStatus, BadgeTone> = { active: "green", expiring: "amber", revoked: "red", expired: "grey" };

export function KeyTable({ keys, history = false }: { keys: ApiKeyView[]; history?: boolean }) {
  return (
    <Table label={history ? "Revoked and expired keys" : "Keys in use"}>
      <thead>
        <tr>
          <Th>Mode</Th>
          <Th>Type</Th>
          <Th>Key</Th>
          <Th>Status</Th>
          <Th>Created</Th>
          <Th>{history ? "Ended" : "Last used"}</Th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <Tr key={key.id} data-testid="api-key-row" data-mode={key.mode} data-type={key.type} data-status={key.status}>
            <Td>
              <Badge tone={key.mode === "live" ? "accent" : "grey"}>{key.mode}</Badge>
            </Td>
            <Td className="text-zinc-700">{key.type}</Td>
            <Td>
              <code className="font-mono text-xs whitespace-nowrap text-zinc-900" data-testid="api-key-value">
                {key.key}
              </code>
            </Td>
            <Td>
              <Badge tone={STATUS_TONE[key.status]}>{key.status}</Badge>
              {key.status === API_KEY_STATUS.expiring && key.expires_at ? (
                <p className="mt-1 text-xs text-amber-700">
                  until <RelativeTime date={key.expires_at} />
                </p>
              ) : null}
              {key.revoked_reason ? <p className="mt-1 max-w-[220px] text-xs text-zinc-500">{key.revoked_reason}</p> : null}
            </Td>
            <Td className="whitespace-nowrap text-zinc-600">
              <RelativeTime date={key.created_at} />
              {key.created_by ? <p className="text-xs text-zinc-500">by {key.created_by.name}</p> : null}
            </Td>
            <Td className="whitespace-nowrap text-zinc-600">
              <RelativeTime date={history ? (key.revoked_at ?? key.expires_at) : key.last_used_at} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

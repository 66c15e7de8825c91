"use client";

import { useQuery } from "@tanstack/react-query";
import { RefreshCw, ShieldOff } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { apiFetch } from "@/lib/client/api";
import type { ApiKeyView } from "@/lib/api-keys/api-keys";
import { KeyTable, type KeyRequests } from "./key-table";
import { API_KEYS_PATH, API_KEYS_QUERY } from "@/components/api-keys/queries";
import { RegenerateDialog } from "./regenerate-dialog";
import { RevokeDialog } from "./revoke-dialog";
import { API_KEY_STATUS } from "@/lib/statuses";
import { fetchKeyRequests24h, keyRequests24hKey } from "@/components/api-traffic/queries";


export function ApiKeysManager({ initial, canManage }: { initial: { data: ApiKeyView[] }; canManage: boolean }) {
  const [dialog, setDialog] = useState<"regenerate" | "revoke" | null>(null);
  const { data } = useQuery({
    queryKey: API_KEYS_QUERY,
    queryFn: () => apiFetch<{ data: ApiKeyView[] }>(API_KEYS_PATH),
    initialData: initial,
  });
  // One usage call for every key's last 24 hours; the table still works if it fails.
  const usage = useQuery({ queryKey: keyRequests24hKey, queryFn: fetchKeyRequests24h });
  const requests24h: KeyRequests = usage.isSuccess
    ? { state: "ready", byKey: new Map(usage.data.by_key.map((entry) => [entry.key.id, entry.requests])) }
    : { state: usage.isError ? "failed" : "loading" };
  const current = data.data.filter((key) => key.status === API_KEY_STATUS.active || key.status === API_KEY_STATUS.expiring);
  const ended = data.data.filter((key) => key.status === API_KEY_STATUS.revoked || key.status === API_KEY_STATUS.expired);

  return (
    <div className="space-y-6">
      <Card
        title="Keys in use"
        description="Publishable keys are safe in browsers and apps; keep secret keys on your servers."
        actions={
          <>
            <Button variant="secondary" size="sm" disabled={!canManage} onClick={() => setDialog("regenerate")}>
              <RefreshCw aria-hidden className="size-4" />
              Regenerate
            </Button>
            <Button variant="danger" size="sm" disabled={!canManage} onClick={() => setDialog("revoke")}>
              <ShieldOff aria-hidden className="size-4" />
              Revoke
            </Button>
          </>
        }
      >
        {!canManage ? (
          <p className="mb-3 rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-600" data-testid="owner-only-note">
            Only owners can regenerate or revoke keys. You can see them as an admin.
          </p>
        ) : null}
        {current.length === 0 ? (
          <div className="py-8 text-center">
            <p className="font-medium text-zinc-900">No working keys</p>
            <p className="mt-1 text-sm text-zinc-500">
              {canManage ? "Regenerate keys to issue a new publishable and secret key." : "Ask an owner to regenerate keys."}
            </p>
            {canManage ? (
              <Button className="mt-4" size="sm" onClick={() => setDialog("regenerate")}>
                Regenerate keys
              </Button>
            ) : null}
          </div>
        ) : (
          <KeyTable keys={current} requests24h={requests24h} />
        )}
      </Card>
      {ended.length > 0 ? (
        <Card title="Revoked and expired keys" description="Kept for the record; none of these authenticate.">
          <KeyTable keys={ended} history requests24h={requests24h} />
        </Card>
      ) : null}
      {canManage ? (
        <>
          <RegenerateDialog open={dialog === "regenerate"} onOpenChange={(open) => setDialog(open ? "regenerate" : null)} />
          <RevokeDialog open={dialog === "revoke"} onOpenChange={(open) => setDialog(open ? "revoke" : null)} />
        </>
      ) : null}
    </div>
  );
}

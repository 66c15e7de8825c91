"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, Eye, RefreshCw, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toaster";
import { TypedConfirmForm } from "@/components/ui/typed-confirm-form";
import { apiFetch } from "@/lib/client/api";
import type { WebhookConfigView } from "@/lib/webhooks/endpoint-service";
import { CONFIG_PATH, CONFIG_QUERY, DELIVERIES_QUERY, type ConfigResponse } from "./queries";
import { WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";

function OneTimeSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-4" data-testid="new-secret">
      <p className="flex items-start gap-2 text-sm text-amber-900">
        <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
        Your signing secret. Store it with your receiver now: it is shown in full only here (admins can reveal it later, audited).
      </p>
      <CopyField value={secret} label="webhook signing secret" />
      <Button size="sm" variant="secondary" onClick={onDone}>
        I have stored the secret
      </Button>
    </div>
  );
}

export function EndpointCard({ config, canRemove }: { config: WebhookConfigView; canRemove: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [url, setUrl] = useState(config.url ?? "");
  const [newSecret, setNewSecret] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"reveal" | "regenerate" | "remove" | null>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: CONFIG_QUERY });
    void queryClient.invalidateQueries({ queryKey: DELIVERIES_QUERY });
  };

  const save = useMutation({
    mutationFn: (input: { url: string; regenerate_secret?: boolean }) => apiFetch<ConfigResponse>(CONFIG_PATH, { body: input }),
    onSuccess: (result, input) => {
      queryClient.setQueryData(CONFIG_QUERY, result);
      refresh();
      if (result.secret) setNewSecret(result.secret);
      setDialog(null);
      toast({ title: input.regenerate_secret ? "Signing secret regenerated" : "Endpoint saved", description: result.url ?? undefined });
    },
  });
  const reveal = useMutation({ mutationFn: () => apiFetch<{ secret: string }>("/api/v1/auth/tenants/webhooks/secret/reveal/", { body: {} }) });
  const remove = useMutation({
    mutationFn: () => apiFetch<ConfigResponse>(CONFIG_PATH, { method: "DELETE" }),
    onSuccess: (result) => {
      queryClient.setQueryData(CONFIG_QUERY, result);
      refresh();
      setUrl("");
      setDialog(null);
      toast({ title: "Endpoint removed", description: "Deliveries stopped. The signing secret is kept for when you set a URL again." });
    },
  });

  function closeDialog() {
    setDialog(null);
    reveal.reset();
    remove.reset();
    save.reset();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ url });
  }

  const status = !config.url ? (
    <Badge tone="grey">not configured</Badge>
  ) : config.enabled ? (
    <Badge tone="green">enabled</Badge>
  ) : (
    <Badge tone="red">disabled</Badge>
  );

  return (
    <Card title="Endpoint" description="An HTTPS URL on your side that accepts POST requests." actions={status}>
      <form onSubmit={onSubmit} className="flex flex-col gap-2 sm:flex-row sm:items-start" noValidate>
        <div className="flex-1">
          <label htmlFor="webhook-url" className="sr-only">
            Endpoint URL
          </label>
          <Input
            id="webhook-url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="https://api.example.com/webhooks/portal"
            inputMode="url"
            aria-invalid={save.error && !dialog ? true : undefined}
            aria-describedby={save.error && !dialog ? "webhook-url-error" : undefined}
            className="font-mono"
          />
          {save.error && !dialog ? (
            <p id="webhook-url-error" className="mt-1.5 text-sm text-red-600" role="alert" data-testid="url-error">
              {save.error.message}
            </p>
          ) : null}
        </div>
        <Button type="submit" pending={save.isPending && !dialog} disabled={url.trim() === ""}>
          {config.url ? "Save URL" : "Add endpoint"}
        </Button>
      </form>

      {newSecret ? (
        <div className="mt-4">
          <OneTimeSecret secret={newSecret} onDone={() => setNewSecret(null)} />
        </div>
      ) : null}

      {config.secret_masked ? (
        <dl className="mt-5 grid gap-4 border-t border-zinc-100 pt-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-zinc-500">Signing secret</dt>
            <dd className="mt-1 flex flex-wrap items-center gap-2">
              <code className="font-mono text-zinc-900" data-testid="secret-masked">
                {config.secret_masked}
              </code>
              <Button size="sm" variant="ghost" onClick={() => setDialog("reveal")}>
                <Eye aria-hidden className="size-4" />
                Reveal
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setDialog("regenerate")} disabled={!config.url}>
                <RefreshCw aria-hidden className="size-4" />
                Regenerate secret
              </Button>
            </dd>
          </div>
          <div>
            <dt className="text-zinc-500">Last delivery</dt>
            <dd className="mt-1 text-zinc-800" data-testid="endpoint-health">
              {config.health.last_delivery_at ? (
                <>
                  <Badge tone={config.health.last_outcome === WEBHOOK_MESSAGE_STATUS.delivered ? "green" : "red"}>
                    {config.health.last_outcome} {config.health.last_status_code ?? ""}
                  </Badge>{" "}
                  <RelativeTime date={config.health.last_delivery_at} />
                </>
              ) : (
                "No deliveries yet"
              )}
              {config.health.failing_messages > 0 ? (
                <p className="mt-1 text-amber-700">{config.health.failing_messages} message(s) waiting for a retry</p>
              ) : null}
            </dd>
          </div>
        </dl>
      ) : null}

      {config.url ? (
        <div className="mt-5 flex flex-wrap items-center justify-between gap-2 border-t border-zinc-100 pt-4">
          <p className="text-sm text-zinc-500">{canRemove ? "Removing the endpoint stops deliveries and keeps the secret." : "Only owners can remove the endpoint."}</p>
          <Button size="sm" variant="danger" disabled={!canRemove} onClick={() => setDialog("remove")}>
            <Trash2 aria-hidden className="size-4" />
            Remove endpoint
          </Button>
        </div>
      ) : null}

      <Dialog
        open={dialog === "reveal"}
        onOpenChange={(open) => (open ? setDialog("reveal") : closeDialog())}
        title="Reveal the signing secret"
        description="Shows the full secret for a receiver that lost it. This is recorded in the audit log."
      >
        {reveal.data ? (
          <div className="space-y-3">
            <CopyField value={reveal.data.secret} label="revealed webhook signing secret" />
            <div className="flex justify-end">
              <Button onClick={closeDialog}>Done</Button>
            </div>
          </div>
        ) : (
          <div className="space-y-3">
            {reveal.error ? <p className="text-sm text-red-600" role="alert">{reveal.error.message}</p> : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={closeDialog}>
                Cancel
              </Button>
              <Button onClick={() => reveal.mutate()} pending={reveal.isPending}>
                Reveal secret
              </Button>
            </div>
          </div>
        )}
      </Dialog>

      <Dialog
        open={dialog === "regenerate"}
        onOpenChange={(open) => (open ? setDialog("regenerate") : closeDialog())}
        title="Regenerate the signing secret"
        description="Deliveries are signed with the new secret from now on; your receiver rejects them until it has the new secret."
      >
        <div className="space-y-3">
          {save.error ? <p className="text-sm text-red-600" role="alert">{save.error.message}</p> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={closeDialog}>
              Cancel
            </Button>
            <Button variant="danger" pending={save.isPending} onClick={() => save.mutate({ url: config.url ?? url, regenerate_secret: true })}>
              Regenerate secret
            </Button>
          </div>
        </div>
      </Dialog>

      <Dialog
        open={dialog === "remove"}
        onOpenChange={(open) => (open ? setDialog("remove") : closeDialog())}
        title="Remove the endpoint"
        description={`Stops all deliveries to ${config.url ?? "this endpoint"} and cancels scheduled retries. The signing secret is kept.`}
      >
        <TypedConfirmForm
          word="remove"
          actionLabel="Remove endpoint"
          pending={remove.isPending}
          error={remove.error?.message}
          onConfirm={() => remove.mutate()}
          onCancel={closeDialog}
        />
      </Dialog>
    </Card>
  );
}

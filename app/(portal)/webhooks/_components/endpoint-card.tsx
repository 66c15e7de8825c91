"use client";

import { useMutation } from "@tanstack/react-query";
import { AlertOctagon, Eye, KeyRound, Trash2 } from "lucide-react";
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
import { WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";
import { EventSubscription } from "./event-subscription";
import { LocalTime } from "./local-time";
import { OneTimeSecret } from "./one-time-secret";
import { CONFIG_PATH, type ConfigResponse, type WebhookConfig } from "./queries";
import { PreviousSecret, RotateSecretDialog } from "./secret-rotation";
import { useRefreshWebhooks } from "./use-refresh-webhooks";
import { VerificationResult } from "./verification-result";
import { verificationWords } from "./verification-words";

type SaveKind = "save" | "re-enable";

export function EndpointCard({ config, canRemove, locale }: { config: WebhookConfig; canRemove: boolean; locale: string }) {
  const refresh = useRefreshWebhooks();
  const toast = useToast();
  const [url, setUrl] = useState(config.url ?? "");
  const [newSecret, setNewSecret] = useState<string | null>(null);
  // The ping the last save sent: while it is the last verification, a failure says the URL was saved anyway.
  const [savedPingId, setSavedPingId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"reveal" | "rotate" | "remove" | null>(null);

  const save = useMutation({
    // Without event_types: saving the URL keeps the subscription as it is.
    mutationFn: (input: { url: string; kind: SaveKind }) => apiFetch<ConfigResponse>(CONFIG_PATH, { body: { url: input.url } }),
    onSuccess: (result, input) => {
      const { secret, verification } = result;
      refresh(result);
      if (secret) setNewSecret(secret);
      setUrl(result.url ?? input.url);
      setSavedPingId(verification?.message_id ?? null);
      const title = input.kind === "re-enable" ? "Endpoint re-enabled" : "Endpoint saved";
      if (!verification) {
        toast({ title, description: result.url ?? undefined });
        return;
      }
      const words = verificationWords(verification);
      toast({
        title,
        description: words.delivered ? `Verification ping delivered (${words.label}).` : `Saved, but the verification ping failed (${words.label}): ${words.detail}`,
      });
    },
  });
  const reveal = useMutation({ mutationFn: () => apiFetch<{ secret: string }>("/api/v1/auth/tenants/webhooks/secret/reveal/", { body: {} }) });
  const remove = useMutation({
    mutationFn: () => apiFetch<ConfigResponse>(CONFIG_PATH, { method: "DELETE" }),
    onSuccess: (result) => {
      refresh(result);
      setUrl("");
      setDialog(null);
      toast({ title: "Endpoint removed", description: "Deliveries stopped. The signing secret is kept for when you set a URL again." });
    },
  });

  function closeDialog() {
    setDialog(null);
    reveal.reset();
    remove.reset();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ url, kind: "save" });
  }

  const disabled = Boolean(config.url && !config.enabled);
  const saveFailed = save.error && save.variables?.kind === "save" ? save.error : null;
  const status = !config.url ? (
    <Badge tone="grey">not configured</Badge>
  ) : config.enabled ? (
    <Badge tone="green">enabled</Badge>
  ) : (
    <Badge tone="red">disabled</Badge>
  );

  return (
    <Card title="Endpoint" description="An HTTPS URL on your side that accepts POST requests." actions={status}>
      {disabled && config.url ? (
        <div role="alert" data-testid="disabled-banner" className="mb-4 flex flex-col gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 sm:flex-row sm:items-start">
          <AlertOctagon aria-hidden className="mt-0.5 size-5 shrink-0 max-sm:hidden" />
          <div className="min-w-0 flex-1">
            <p className="font-medium">Deliveries to this endpoint are paused</p>
            <p>
              {config.disabled_reason ?? "The endpoint was disabled."}
              {config.disabled_at ? (
                <>
                  {" "}
                  Disabled <LocalTime date={config.disabled_at} locale={locale} />.
                </>
              ) : null}
            </p>
            <p className="mt-1">Fix the receiver, then re-enable: the URL is saved again and sent a verification ping. Events from the pause can be recovered from the delivery log.</p>
            {save.error && save.variables?.kind === "re-enable" ? (
              <p className="mt-1 font-medium" data-testid="re-enable-error">
                {save.error.message}
              </p>
            ) : null}
          </div>
          <Button size="sm" variant="secondary" className="shrink-0 self-start" pending={save.isPending && save.variables?.kind === "re-enable"} onClick={() => save.mutate({ url: config.url!, kind: "re-enable" })}>
            Re-enable
          </Button>
        </div>
      ) : null}

      <form onSubmit={onSubmit} className="flex flex-col gap-2 sm:flex-row sm:items-start" noValidate>
        <div className="min-w-0 flex-1">
          <label htmlFor="webhook-url" className="sr-only">
            Endpoint URL
          </label>
          <Input
            id="webhook-url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="https://api.example.com/webhooks/portal"
            inputMode="url"
            aria-invalid={saveFailed ? true : undefined}
            aria-describedby={saveFailed ? "webhook-url-error" : undefined}
            className="font-mono"
          />
          {saveFailed ? (
            <p id="webhook-url-error" className="mt-1.5 text-sm text-red-600" role="alert" data-testid="url-error">
              {saveFailed.message}
            </p>
          ) : null}
        </div>
        <Button type="submit" pending={save.isPending && save.variables?.kind === "save"} disabled={url.trim() === ""}>
          {config.url ? "Save URL" : "Add endpoint"}
        </Button>
      </form>
      <p className="mt-1.5 text-xs text-zinc-500">Saving sends a signed test event to the URL to check it. A URL is saved even when that check fails.</p>

      {config.url ? (
        <VerificationResult
          verification={config.last_verification}
          afterSave={config.last_verification !== null && config.last_verification.message_id === savedPingId}
          secretJustIssued={newSecret !== null}
        />
      ) : null}

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
              <Button size="sm" variant="ghost" onClick={() => setDialog("rotate")} disabled={!config.url}>
                <KeyRound aria-hidden className="size-4" />
                Rotate secret
              </Button>
            </dd>
          </div>
          {config.previous_secret ? (
            <div>
              <dt className="text-zinc-500">Previous secret</dt>
              <dd className="mt-1">
                <PreviousSecret config={{ ...config, previous_secret: config.previous_secret }} locale={locale} />
              </dd>
            </div>
          ) : null}
          {config.url ? <EventSubscription config={config} /> : null}
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

      {dialog === "rotate" ? <RotateSecretDialog config={config} locale={locale} onClose={closeDialog} /> : null}

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

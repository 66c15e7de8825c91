"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import { RadioCard, RadioCardGroup } from "@/components/ui/radio-card";
import { LocalTime } from "./local-time";
import { OneTimeSecret } from "./one-time-secret";
import { PREVIOUS_SECRET_PATH, ROTATE_SECRET_PATH, type ConfigResponse, type WebhookConfig } from "./queries";
import { useRefreshWebhooks } from "./use-refresh-webhooks";

const GRACE_CHOICES = [
  { hours: 0, label: "Immediately", hint: "The current secret stops working now." },
  { hours: 1, label: "1 hour", hint: "Enough for a receiver you deploy right away." },
  { hours: 24, label: "24 hours", hint: "Recommended: a day to deploy the new secret." },
  { hours: 72, label: "72 hours", hint: "The longest grace period." },
] as const;
const DEFAULT_GRACE_HOURS = 24;

const hoursInWords = (hours: number) => `${hours} hour${hours === 1 ? "" : "s"}`;

export function RotateSecretDialog({ config, locale, onClose }: { config: WebhookConfig; locale: string; onClose: () => void }) {
  const refresh = useRefreshWebhooks();
  const toast = useToast();
  const [grace, setGrace] = useState<number>(DEFAULT_GRACE_HOURS);
  const rotate = useMutation({
    mutationFn: (graceHours: number) => apiFetch<ConfigResponse>(ROTATE_SECRET_PATH, { body: { grace_hours: graceHours } }),
    onSuccess: (result, graceHours) => {
      refresh(result);
      toast({
        title: "Signing secret rotated",
        description: graceHours === 0 ? "Deliveries are signed with the new secret only." : `Both secrets sign deliveries for ${hoursInWords(graceHours)}.`,
      });
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    rotate.mutate(grace);
  }

  const result = rotate.data;
  if (result?.secret) {
    return (
      <Dialog
        open
        onOpenChange={(next) => (next ? null : onClose())}
        title="Your new signing secret"
        description={
          result.previous_secret ? (
            <>
              Deploy it to your receiver. The previous secret ({result.previous_secret.secret_masked}) is accepted until{" "}
              <LocalTime date={result.previous_secret.expires_at} locale={locale} />.
            </>
          ) : (
            "Deploy it to your receiver: deliveries are signed with this secret only from now on."
          )
        }
      >
        <OneTimeSecret secret={result.secret} onDone={onClose} />
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      onOpenChange={(next) => (next ? null : onClose())}
      title="Rotate the signing secret"
      description={`Creates a new secret for ${config.url ?? "this endpoint"}. During the grace period every delivery carries two signatures, one made with the new secret and one with the current secret (${config.secret_masked}), so your receiver accepts it with either and you can deploy the new secret at your own pace. When the grace period ends, the current secret is deleted.`}
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <RadioCardGroup legend="Keep accepting the current secret for" columns={2}>
            {GRACE_CHOICES.map((choice) => (
              <RadioCard
                key={choice.hours}
                name="grace-hours"
                value={String(choice.hours)}
                checked={grace === choice.hours}
                onChange={() => setGrace(choice.hours)}
                label={choice.label}
                hint={choice.hint}
              />
            ))}
        </RadioCardGroup>
        {grace === 0 ? (
          <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            Your receiver rejects every delivery from now until it has the new secret.
          </p>
        ) : null}
        {config.previous_secret ? (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The secret replaced by the last rotation ({config.previous_secret.secret_masked}) is deleted now: at most two secrets sign at a time.
          </p>
        ) : null}
        <DialogActions error={rotate.error?.message} onCancel={onClose}>
          <Button type="submit" variant={grace === 0 ? "danger" : "primary"} pending={rotate.isPending}>
            Rotate secret
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The secret a rotation replaced, while it still signs: until when, and "Expire now". */
export function PreviousSecret({ config, locale }: { config: WebhookConfig & { previous_secret: NonNullable<WebhookConfig["previous_secret"]> }; locale: string }) {
  const refresh = useRefreshWebhooks();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const expire = useMutation({
    mutationFn: () => apiFetch<WebhookConfig>(PREVIOUS_SECRET_PATH, { method: "DELETE" }),
    onSuccess: (result) => {
      refresh(result);
      setConfirming(false);
      toast({ title: "Previous secret expired", description: `Deliveries are signed with ${result.secret_masked ?? "the current secret"} only.` });
    },
  });
  const previous = config.previous_secret;
  return (
    <div data-testid="previous-secret">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <code className="font-mono text-zinc-900">{previous.secret_masked}</code>
        <Button size="sm" variant="danger-ghost" onClick={() => setConfirming(true)}>
          Expire now
        </Button>
      </p>
      <p className="mt-0.5 text-amber-800">
        Previous secret accepted until <LocalTime date={previous.expires_at} locale={locale} />
      </p>
      {confirming ? (
        <ConfirmDialog
          title="Expire the previous secret now"
          description={`Deletes ${previous.secret_masked} now instead of when its grace period ends. Deliveries then carry only the signature made with ${config.secret_masked ?? "the current secret"}: a receiver still checking with the previous secret rejects them.`}
          confirmLabel="Expire now"
          pending={expire.isPending}
          error={expire.error?.message ?? null}
          onConfirm={() => expire.mutate()}
          onClose={() => {
            setConfirming(false);
            expire.reset();
          }}
        />
      ) : null}
    </div>
  );
}

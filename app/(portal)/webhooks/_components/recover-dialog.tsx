"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import { RECOVERY_MAX_AGE_DAYS } from "@/lib/schemas/webhooks";
import { RadioCard } from "@/components/ui/radio-card";
import { RECOVER_PATH } from "./queries";
import { useRefreshWebhooks } from "./use-refresh-webhooks";
import { localInputValue, RECOVERY_MAX_AGE_MS, RECOVERY_PICKS, recoverySince, type RecoveryPick } from "./recovery-window";

type RecoverResult = { queued: number; since: string; until: string };

const PICK_KEYS = Object.keys(RECOVERY_PICKS) as (keyof typeof RECOVERY_PICKS)[];

/** After an outage: every failed message since a moment is sent again, once, now. */
export function RecoverDialog({ onClose }: { onClose: () => void }) {
  const refresh = useRefreshWebhooks();
  const toast = useToast();
  const [pick, setPick] = useState<RecoveryPick>("24h");
  const [custom, setCustom] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  // Read once, when the dialog opens: the bounds of the date-time field.
  const [openedAt] = useState(() => Date.now());

  const recover = useMutation({
    mutationFn: (since: string) => apiFetch<RecoverResult>(RECOVER_PATH, { body: { since } }),
    onSuccess: (result) => {
      refresh();
      toast({
        title: `${result.queued} message${result.queued === 1 ? "" : "s"} queued`,
        description: result.queued === 0 ? "No failed messages in that window: nothing to send again." : "They are being sent again now; the delivery log shows how each goes.",
      });
      onClose();
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const outcome = recoverySince(pick, custom, Date.now());
    if ("error" in outcome) {
      setProblem(outcome.error);
      return;
    }
    setProblem(null);
    recover.mutate(outcome.since);
  }

  const error = problem ?? recover.error?.message ?? null;
  return (
    <Dialog
      open
      onOpenChange={(next) => (next ? null : onClose())}
      title="Recover failed messages"
      description="Each failed message from the time you pick is sent once more, now, with its original webhook-id; if your endpoint still fails, it is retried on the usual schedule. Delivered messages, and messages already waiting for a retry, are left as they are."
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium text-zinc-800">Messages from</legend>
          <div className="grid grid-cols-2 gap-2">
            {PICK_KEYS.map((key) => (
              <RadioCard key={key} name="recover-since" value={key} checked={pick === key} onChange={() => setPick(key)} label={RECOVERY_PICKS[key].label} />
            ))}
            <RadioCard name="recover-since" value="custom" checked={pick === "custom"} onChange={() => setPick("custom")} label="A date and time" className="col-span-2" />
          </div>
        </fieldset>
        {pick === "custom" ? (
          <div className="space-y-1.5">
            <label htmlFor="recover-since-at" className="block text-sm font-medium text-zinc-800">
              Since (your time zone)
            </label>
            <Input
              id="recover-since-at"
              type="datetime-local"
              value={custom}
              min={localInputValue(openedAt - RECOVERY_MAX_AGE_MS + 60_000)}
              max={localInputValue(openedAt)}
              onChange={(event) => setCustom(event.target.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby="recover-since-hint"
            />
            <p id="recover-since-hint" className="text-sm text-zinc-500">
              Up to {RECOVERY_MAX_AGE_DAYS} days back: older messages are past the retry schedule.
            </p>
          </div>
        ) : null}
        <DialogActions error={error} errorTestId="recover-error" onCancel={onClose}>
          <Button type="submit" pending={recover.isPending}>
            Recover messages
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

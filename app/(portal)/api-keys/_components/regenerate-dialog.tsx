"use client";

import { format } from "date-fns";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { RadioCard, RadioCardGroup } from "@/components/ui/radio-card";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import type { ApiKeyView } from "@/lib/api-keys/api-keys";
import { apiFetch } from "@/lib/client/api";
import type { KeyType } from "@/lib/schemas/api-keys";
import { API_KEYS_QUERY } from "@/components/api-keys/queries";
import { NewKeysReveal } from "@/components/api-keys/new-keys-reveal";
import { keyTypeLabel, ModePicker } from "./mode-picker";

const CONFIRM_WORD = "regenerate";
const GRACE_OPTIONS = [
  { hours: 0, label: "Immediately" },
  { hours: 1, label: "In 1 hour" },
  { hours: 24, label: "In 24 hours" },
  { hours: 72, label: "In 3 days" },
  { hours: 168, label: "In 7 days" },
];

type RegenerateResult = { key_type: KeyType; api_keys: ApiKeyView[]; replaced: { count: number; expires_at: string } };

export function RegenerateDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [keyType, setKeyType] = useState<KeyType>("test");
  const [grace, setGrace] = useState(0);
  const [typed, setTyped] = useState("");

  const regenerate = useMutation({
    mutationFn: () =>
      apiFetch<RegenerateResult>("/api/v1/auth/tenants/api-keys/regenerate/", {
        body: { key_type: keyType, confirm: true, expire_old_in_hours: grace },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: API_KEYS_QUERY });
    },
  });

  // Leaving the dialog forgets the new secrets for good.
  function close(next: boolean) {
    // The toast ends the action once the reveal is over: shown at issuance, it would be gone before anyone read it.
    if (!next && regenerate.data) toast({ title: `New ${keyTypeLabel(regenerate.data.key_type)} keys issued`, description: "The secret key is not shown again." });
    if (!next) {
      regenerate.reset();
      setTyped("");
      setGrace(0);
      setKeyType("test");
    }
    onOpenChange(next);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (typed.trim() === CONFIRM_WORD) regenerate.mutate();
  }

  const result = regenerate.data;
  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={result ? "Your new keys" : "Regenerate API keys"}
      description={
        result
          ? "Store the secret key in your server's configuration now."
          : `Issues a new publishable and secret key for ${keyTypeLabel(keyType)} mode. ${
              grace === 0 ? "The current keys stop working immediately." : `The current keys keep working for ${grace} hour${grace === 1 ? "" : "s"}, then stop.`
            }`
      }
    >
      {result ? (
        <NewKeysReveal keys={result.api_keys} onDone={() => close(false)}>
          <p className="text-sm text-zinc-600">
            {result.replaced.count === 0
              ? "No keys were replaced."
              : grace === 0
                ? `${result.replaced.count} old key${result.replaced.count === 1 ? "" : "s"} stopped working.`
                : `${result.replaced.count} old key${result.replaced.count === 1 ? "" : "s"} keep working until ${format(new Date(result.replaced.expires_at), "d MMM yyyy, HH:mm")}.`}
          </p>
        </NewKeysReveal>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4">
          <ModePicker name="regenerate-key-type" value={keyType} onChange={setKeyType} />
          <RadioCardGroup legend="Old keys stop working" columns={2}>
            {GRACE_OPTIONS.map((option) => (
              <RadioCard
                key={option.hours}
                name="regenerate-grace"
                value={String(option.hours)}
                checked={grace === option.hours}
                onChange={() => setGrace(option.hours)}
                label={option.label}
              />
            ))}
          </RadioCardGroup>
          <Field id="regenerate-confirm" label={`Type "${CONFIRM_WORD}" to confirm`}>
            <Input id="regenerate-confirm" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} />
          </Field>
          {regenerate.error ? (
            <p className="text-sm text-red-600" role="alert" data-testid="regenerate-error">
              {regenerate.error.message}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => close(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={typed.trim() !== CONFIRM_WORD} pending={regenerate.isPending}>
              Regenerate {keyTypeLabel(keyType)} keys
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import { ApiError, apiFetch } from "@/lib/client/api";
import { REVOKE_REASON_MAX, revokeApiKeysSchema, type KeyType } from "@/lib/schemas/api-keys";
import { API_KEYS_QUERY } from "@/components/api-keys/queries";
import { keyTypeLabel, ModePicker } from "./mode-picker";

const CONFIRM_WORD = "revoke";

export function RevokeDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [keyType, setKeyType] = useState<KeyType>("live");
  const [reason, setReason] = useState("");
  const [typed, setTyped] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);

  function close(next: boolean) {
    if (!next) {
      revoke.reset();
      setReason("");
      setTyped("");
      setReasonError(null);
      setKeyType("live");
    }
    onOpenChange(next);
  }

  const revoke = useMutation({
    mutationFn: () =>
      apiFetch<{ revoked_count: number }>("/api/v1/auth/tenants/api-keys/revoke/", {
        body: { key_type: keyType, reason, confirm: true },
      }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: API_KEYS_QUERY });
      toast({ title: `Revoked ${result.revoked_count} ${keyTypeLabel(keyType)} key${result.revoked_count === 1 ? "" : "s"}`, description: "They stopped working immediately." });
      close(false);
    },
    onError: (error) => {
      if (error instanceof ApiError) setReasonError(error.fieldErrors().reason ?? null);
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = revokeApiKeysSchema.shape.reason.safeParse(reason);
    if (!parsed.success) {
      setReasonError(parsed.error.issues[0].message);
      return;
    }
    setReasonError(null);
    if (typed.trim() === CONFIRM_WORD) revoke.mutate();
  }

  const generalError = revoke.error && !(revoke.error instanceof ApiError && revoke.error.fieldErrors().reason) ? revoke.error.message : null;
  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title="Revoke API keys"
      description={`The ${keyTypeLabel(keyType)} publishable and secret keys stop working immediately and no replacement is issued. Every integration using them fails until you regenerate.`}
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <ModePicker name="revoke-key-type" value={keyType} onChange={setKeyType} />
        <Field id="revoke-reason" label="Reason (goes into the audit log)" error={reasonError ?? undefined} hint={`${reason.length}/${REVOKE_REASON_MAX}`}>
          <textarea
            id="revoke-reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            rows={3}
            maxLength={REVOKE_REASON_MAX}
            aria-invalid={reasonError ? true : undefined}
            className="block w-full rounded-md border border-zinc-300 px-3 py-2 text-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none"
            placeholder="e.g. Secret key committed to a public repository"
          />
        </Field>
        <Field id="revoke-confirm" label={`Type "${CONFIRM_WORD}" to confirm`}>
          <Input id="revoke-confirm" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} />
        </Field>
        {generalError ? (
          <p className="text-sm text-red-600" role="alert" data-testid="revoke-error">
            {generalError}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => close(false)}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={typed.trim() !== CONFIRM_WORD} pending={revoke.isPending}>
            Revoke {keyTypeLabel(keyType)} keys
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

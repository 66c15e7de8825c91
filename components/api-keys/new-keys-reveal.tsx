"use client";

import { useMutation } from "@tanstack/react-query";
import { AlertTriangle } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { apiFetch } from "@/lib/client/api";
import { API_KEYS_STORED_PATH } from "./queries";

export type RevealedKey = { id: string; mode: "live" | "test"; type: "publishable" | "secret"; key: string };

/**
 * The one reveal of newly issued keys (sign-up, regeneration): each key in a
 * copy field, a warning that the secret is not shown again, and "I have
 * stored the secret", which records that the secret keys were stored (the
 * dashboard's checklist reads it) and then hands over to `onDone`. The
 * secrets live only in the caller's memory: nothing here keeps them.
 */
export function NewKeysReveal({
  keys,
  onDone,
  recordStored = true,
  children,
}: {
  keys: RevealedKey[];
  onDone: () => void;
  /** False where nobody is signed in to record it for (a sign-up whose sign-in failed). */
  recordStored?: boolean;
  children?: ReactNode;
}) {
  const secretIds = recordStored ? keys.filter((key) => key.type === "secret").map((key) => key.id) : [];
  const stored = useMutation({
    mutationFn: () => apiFetch(API_KEYS_STORED_PATH, { body: { key_ids: secretIds } }),
    onSuccess: onDone,
  });
  return (
    <div className="space-y-4" data-testid="new-keys">
      <p className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="alert">
        <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
        You will not see the secret key again. Store it in your server&apos;s configuration now; if you lose it, regenerate the keys on API keys.
      </p>
      {keys.map((key) => (
        <div key={key.id}>
          <p className="mb-1 text-sm font-medium text-zinc-800">
            {key.mode === "live" ? "Live" : "Test"} {key.type} key
          </p>
          <CopyField value={key.key} label={`${key.mode} ${key.type} key`} />
        </div>
      ))}
      {children}
      {stored.error ? (
        <p className="text-sm text-red-600" role="alert">
          {stored.error.message}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button onClick={() => (secretIds.length > 0 ? stored.mutate() : onDone())} pending={stored.isPending}>
          I have stored the secret
        </Button>
      </div>
    </div>
  );
}

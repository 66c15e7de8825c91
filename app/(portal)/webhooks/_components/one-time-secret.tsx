"use client";

import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";

/** A signing secret just created (first configuration, rotation), in full with a Copy button. */
export function OneTimeSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
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

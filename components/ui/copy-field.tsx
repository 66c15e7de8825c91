"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "./button";

/**
 * Copies `value` and says so for two seconds. `compact` is an icon-only
 * button for the middle of a table row; its accessible name still says what it copies.
 */
export function CopyButton({ value, label, compact = false }: { value: string; label: string; compact?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant={compact ? "ghost" : "secondary"}
      size={compact ? "sm" : "md"}
      className={compact ? "h-7 px-1.5" : undefined}
      aria-label={`Copy ${label}`}
      title={compact ? `Copy ${label}` : undefined}
      onClick={async (event) => {
        // Inside a clickable row, copying is not opening the row.
        event.stopPropagation();
        await navigator.clipboard.writeText(value);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {copied ? <Check aria-hidden className="size-4 text-emerald-600" /> : <Copy aria-hidden className="size-4" />}
      {compact ? null : copied ? "Copied" : "Copy"}
    </Button>
  );
}

/** A secret or id in monospace with a Copy button. */
export function CopyField({ value, label }: { value: string; label: string }) {
  return (
    <div className="flex items-stretch gap-2">
      <input
        readOnly
        value={value}
        aria-label={label}
        onFocus={(event) => event.currentTarget.select()}
        className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm text-zinc-900"
      />
      <CopyButton value={value} label={label} />
    </div>
  );
}

"use client";

import { Check, Copy, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/utils";
import { Button } from "./button";
import { shortId } from "./short-id";

/** How long the button says what happened before it offers to copy again. */
const SHOW_RESULT_MS = 2000;

/**
 * Copies `value` and says so for two seconds. `compact` is an icon-only
 * button for the middle of a table row or the corner of a code block; its
 * accessible name still says what it copies ("Copy request id req_…"), and
 * the word "Copied" shows beside it without moving what is around it.
 */
export function CopyButton({ value, label, compact = false, className }: { value: string; label: string; compact?: boolean; className?: string }) {
  const [result, setResult] = useState<"copied" | "failed" | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const message = result === "copied" ? `Copied ${label}` : result === "failed" ? `Could not copy ${label}: select it and copy it yourself` : "";

  return (
    <span className={cn("relative inline-flex shrink-0", className)}>
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
          clearTimeout(timer.current);
          try {
            // Missing outside a secure context (a plain-http address other than localhost).
            await navigator.clipboard.writeText(value);
            setResult("copied");
          } catch {
            setResult("failed");
          }
          timer.current = setTimeout(() => setResult(null), SHOW_RESULT_MS);
        }}
      >
        {result === "copied" ? (
          <Check aria-hidden className="size-4 text-emerald-600" />
        ) : result === "failed" ? (
          <X aria-hidden className="size-4 text-red-600" />
        ) : (
          <Copy aria-hidden className="size-4" />
        )}
        {compact ? null : result === "copied" ? "Copied" : result === "failed" ? "Copy failed" : "Copy"}
      </Button>
      {compact && result ? (
        // Beside the button, over what is left of it, so the row does not reflow for two seconds.
        <span aria-hidden className="pointer-events-none absolute top-1/2 right-full z-10 mr-1 -translate-y-1/2 rounded bg-zinc-900 px-1.5 py-0.5 text-xs whitespace-nowrap text-white">
          {result === "copied" ? "Copied" : "Copy failed"}
        </span>
      ) : null}
      {/* Always in the page, so screen readers announce it when it changes. */}
      <span role="status" className="sr-only">
        {message}
      </span>
    </span>
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

/**
 * An id in monospace with its icon-only copy button. `short` keeps the ends of a long id
 * (enough to tell rows apart); the button and the title still carry the whole of it.
 */
export function IdWithCopy({ id, label, short = false, className }: { id: string; label: string; short?: boolean; className?: string }) {
  return (
    <span className={cn("inline-flex max-w-full items-center gap-1", className)}>
      <code className={cn("min-w-0 font-mono text-xs text-zinc-600", short ? "whitespace-nowrap" : "break-all")} title={short ? id : undefined}>
        {short ? shortId(id) : id}
      </code>
      <CopyButton value={id} label={`${label} ${id}`} compact />
    </span>
  );
}

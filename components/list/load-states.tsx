"use client";

import { Loader2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** While a list or report loads: what is coming, with a spinner. */
export function Loading({ what, className }: { what: string; className?: string }) {
  return (
    <div className={cn("flex items-center justify-center gap-2 py-10 text-sm text-zinc-500", className)} aria-busy="true">
      <Loader2 aria-hidden className="size-4 animate-spin" />
      Loading {what}…
    </div>
  );
}

/** A load that failed: the API's message and a way to try again. */
export function LoadFailed({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return (
    <div className="py-8 text-center" role="alert">
      <p className="font-medium text-zinc-900">{title}</p>
      <p className="mt-1 text-sm text-red-600">{message}</p>
      <Button className="mt-4" size="sm" variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}

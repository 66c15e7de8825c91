"use client";

import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { BrandFrame } from "@/components/shell/brand-frame";

// A signed-out page (or anything outside the portal's shell) that failed to render: said plainly, with a retry.
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <BrandFrame>
      <div className="space-y-4" role="alert">
        <div className="flex items-start gap-2">
          <AlertTriangle aria-hidden className="mt-1 size-5 shrink-0 text-red-600" />
          <div>
            <h1 className="text-xl font-semibold">Something went wrong</h1>
            <p className="mt-1 text-sm text-zinc-600">
              This page could not be loaded. Try again; if it keeps happening, quote this reference to support:{" "}
              <code className="font-mono text-xs">{error.digest ?? "none"}</code>
            </p>
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button onClick={reset}>Try again</Button>
          <Button asChild variant="secondary">
            <Link href="/">Home</Link>
          </Button>
        </div>
      </div>
    </BrandFrame>
  );
}

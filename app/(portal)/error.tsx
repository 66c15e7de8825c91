"use client";

import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

// A page that failed to render keeps the shell, says so plainly and offers a retry.
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Card>
      <div className="flex items-start gap-3 py-2" role="alert">
        <AlertTriangle aria-hidden className="mt-0.5 size-5 text-red-600" />
        <div className="space-y-3">
          <div>
            <p className="font-medium text-zinc-900">This page could not be loaded</p>
            <p className="text-sm text-zinc-600">
              Something went wrong on our side. Try again; if it keeps happening, quote this reference to support:{" "}
              <code className="font-mono text-xs">{error.digest ?? "none"}</code>
            </p>
          </div>
          <Button size="sm" variant="secondary" onClick={reset}>
            Try again
          </Button>
        </div>
      </div>
    </Card>
  );
}

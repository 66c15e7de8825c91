"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckCircle2, Circle } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-field";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import type { ChecklistStep } from "@/lib/onboarding/checklist";
import { cn } from "@/lib/utils";

export type GettingStartedProps = {
  steps: ChecklistStep[];
  completed: number;
  total: number;
  firstCall: string;
  isOwner: boolean;
};

/** The dashboard's "Get started" checklist: progress read from the tenant's data on the server; dismissing it hides it for the tenant. */
export function GettingStartedCard({ steps, completed, total, firstCall, isOwner }: GettingStartedProps) {
  const router = useRouter();
  const toast = useToast();
  const dismiss = useMutation({
    mutationFn: () => apiFetch("/api/v1/auth/tenants/getting-started/dismiss/", { method: "POST" }),
    onSuccess: () => {
      toast({ title: "Checklist hidden", description: "It is hidden for everyone in this tenant." });
      router.refresh();
    },
  });
  return (
    <Card
      className="mb-6"
      title="Get started"
      description={`${completed} of ${total} done. Each step ticks itself when it has happened.`}
      actions={
        <Button size="sm" variant="ghost" onClick={() => dismiss.mutate()} pending={dismiss.isPending}>
          Dismiss
        </Button>
      }
    >
      <div
        className="mb-4 h-2 overflow-hidden rounded-full bg-zinc-100"
        role="progressbar"
        aria-label="Get started progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={completed}
      >
        <div className="h-full bg-emerald-600" style={{ width: `${(completed / total) * 100}%` }} />
      </div>
      {dismiss.error ? (
        <p className="mb-3 text-sm text-red-600" role="alert">
          {dismiss.error.message}
        </p>
      ) : null}
      <ol className="divide-y divide-zinc-100" data-testid="getting-started">
        {steps.map((step) => (
          <li key={step.id} className="flex items-start gap-3 py-3" data-testid={`step-${step.id}`} data-done={step.done ? "true" : "false"}>
            {step.done ? (
              <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
            ) : (
              <Circle aria-hidden className="mt-0.5 size-5 shrink-0 text-zinc-300" />
            )}
            <div className="min-w-0 flex-1">
              <p className={cn("text-sm font-medium", step.done ? "text-zinc-500" : "text-zinc-900")}>
                {step.title}
                <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
              </p>
              <p className="mt-0.5 text-sm text-zinc-600">{step.detail}</p>
              {step.id === "call_api" && !step.done ? (
                <div className="mt-2 flex items-start gap-2">
                  <ScrollRegion as="pre" label="The first platform API call" className="min-w-0 flex-1 overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-relaxed text-zinc-100">
                    {firstCall}
                  </ScrollRegion>
                  <CopyButton value={firstCall} label="the curl command" compact />
                </div>
              ) : null}
              {!step.done && step.owner_only && !isOwner ? <p className="mt-1 text-xs text-zinc-500">Only an owner can do this.</p> : null}
            </div>
            {!step.done && (isOwner || !step.owner_only) ? (
              <Link href={step.action.href} className="shrink-0 text-sm font-medium text-indigo-600 hover:underline">
                {step.action.label}
              </Link>
            ) : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}

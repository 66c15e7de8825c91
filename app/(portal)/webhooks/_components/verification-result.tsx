"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, RotateCw, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import { cn } from "@/lib/utils";
import { CONFIG_QUERY, VERIFY_PATH, type WebhookConfig, type WebhookVerification } from "./queries";
import { useRefreshWebhooks } from "./use-refresh-webhooks";
import { verificationWords } from "./verification-words";

/**
 * The last verification ping (on save, "Send again", re-enable) beside the
 * URL. `afterSave`: the ping was the save's, so a failure says the URL was
 * saved all the same; `secretJustIssued`: the receiver cannot have the secret
 * that signed it yet.
 */
export function VerificationResult({ verification, afterSave, secretJustIssued }: { verification: WebhookVerification | null; afterSave: boolean; secretJustIssued: boolean }) {
  const queryClient = useQueryClient();
  const refresh = useRefreshWebhooks();
  const toast = useToast();
  const sendAgain = useMutation({
    mutationFn: () => apiFetch<{ verification: WebhookVerification }>(VERIFY_PATH, { body: {} }),
    onSuccess: ({ verification: next }) => {
      queryClient.setQueryData<WebhookConfig>(CONFIG_QUERY, (config) => (config ? { ...config, last_verification: next } : config));
      refresh();
      const words = verificationWords(next);
      toast(words.delivered ? { title: "Verification ping delivered", description: words.detail } : { title: `Verification ping failed (${words.label})`, description: words.detail, tone: "error" });
    },
  });

  const words = verification ? verificationWords(verification) : null;
  return (
    <div
      className={cn(
        "mt-3 flex flex-col gap-3 rounded-md border px-3 py-2.5 text-sm sm:flex-row sm:items-start sm:justify-between",
        !words ? "border-zinc-200 bg-zinc-50" : words.delivered ? "border-emerald-200 bg-emerald-50/60" : "border-red-200 bg-red-50/60",
      )}
      data-testid="verification"
      data-delivered={words ? String(words.delivered) : undefined}
      aria-live="polite"
    >
      <div className="min-w-0">
        {words && verification ? (
          <>
            <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
              {words.delivered ? <CheckCircle2 aria-hidden className="size-4 text-emerald-600" /> : <XCircle aria-hidden className="size-4 text-red-600" />}
              <span className="font-medium text-zinc-900">Verification ping {words.delivered ? "delivered" : "failed"}</span>
              <Badge tone={words.delivered ? "green" : "red"}>{words.label}</Badge>
              {verification.response_time_ms !== null ? <span className="tabular-nums text-zinc-600">{verification.response_time_ms} ms</span> : null}
              <span className="text-zinc-500">
                <RelativeTime date={verification.at} />
              </span>
            </p>
            <p className="mt-1 text-zinc-700" data-testid="verification-detail">
              {words.detail}
              {!words.delivered && afterSave ? " The URL is saved all the same: events are sent to it and retried until your endpoint accepts them." : null}
              {!words.delivered && secretJustIssued ? " Your receiver cannot know the new signing secret yet: store it, then send again." : null}
            </p>
          </>
        ) : (
          <p className="text-zinc-600">Not verified yet: send a signed test event to check that your endpoint accepts it.</p>
        )}
        {sendAgain.error ? (
          <p className="mt-1 text-red-600" role="alert">
            {sendAgain.error.message}
          </p>
        ) : null}
      </div>
      <Button size="sm" variant="secondary" className="shrink-0 self-start" pending={sendAgain.isPending} onClick={() => sendAgain.mutate()}>
        <RotateCw aria-hidden className="size-3.5" />
        {verification ? "Send again" : "Send a verification ping"}
      </Button>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";

/** Mails a new confirmation link to the signed-in person's address; a refusal (throttled, already confirmed) shows beside it. */
export function ResendVerificationButton({ variant = "secondary" }: { variant?: "secondary" | "ghost" }) {
  const toast = useToast();
  const resend = useMutation({
    mutationFn: () => apiFetch<{ email: string }>("/api/v1/auth/email/verification/", { method: "POST" }),
    onSuccess: ({ email }) => toast({ title: "Confirmation link sent", description: `Check ${email}. The link works for 24 hours.` }),
  });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button type="button" size="sm" variant={variant} pending={resend.isPending} onClick={() => resend.mutate()}>
        Resend
      </Button>
      {resend.error ? (
        <span role="alert" className="text-sm text-red-700" data-testid="resend-error">
          {resend.error.message}
        </span>
      ) : null}
    </span>
  );
}

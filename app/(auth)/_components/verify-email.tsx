"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { ApiError, apiFetch } from "@/lib/client/api";
import { FormError } from "./form-error";

type Confirmed = { email_verified: true; email: string; email_changed: boolean };

/** A link that cannot be used (unknown, used, expired): say so and say where to get a new one. */
const DEAD_LINK = new Set(["email_token_invalid", "email_token_expired"]);

export function VerifyEmail({ token }: { token: string }) {
  const confirm = useMutation({
    mutationFn: () => apiFetch<Confirmed>("/api/v1/auth/email/verify/", { body: { token } }),
  });

  if (confirm.data) {
    return (
      <div className="space-y-4" data-testid="email-confirmed">
        <CheckCircle2 aria-hidden className="size-8 text-emerald-600" />
        <h1 className="text-xl font-semibold">{confirm.data.email_changed ? "Your email address was changed" : "Your email address is confirmed"}</h1>
        <p className="text-sm text-zinc-600">
          {confirm.data.email_changed ? (
            <>
              Your account now uses <span className="font-medium text-zinc-900">{confirm.data.email}</span>: sign in with it from now on. We told your
              previous address.
            </>
          ) : (
            <>
              <span className="font-medium text-zinc-900">{confirm.data.email}</span> is confirmed. You can now accept invitations sent to it.
            </>
          )}
        </p>
        <Link href="/dashboard" className="block text-center text-sm font-medium text-indigo-600 hover:underline">
          Go to the portal
        </Link>
      </div>
    );
  }

  if (confirm.error instanceof ApiError && DEAD_LINK.has(confirm.error.code)) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">This link cannot be used</h1>
        <FormError>{confirm.error.message}</FormError>
        <Link href="/settings/profile" className="block text-center text-sm font-medium text-indigo-600 hover:underline">
          Send a new link from your profile
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Confirm your email address</h1>
        <p className="mt-1 text-sm text-zinc-500">This proves the address is yours. The link works once.</p>
      </div>
      {confirm.error ? <FormError>{confirm.error.message}</FormError> : null}
      <Button type="button" className="w-full" pending={confirm.isPending} onClick={() => confirm.mutate()}>
        Confirm my email address
      </Button>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ResendVerificationButton } from "@/components/settings/resend-verification-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toaster";
import { ApiError, apiFetch, firstMessagePerField } from "@/lib/client/api";
import { changeEmailSchema } from "@/lib/schemas/account";

type Pending = { email: string; expires_at: string } | null;
type Errors = { email?: string; current_password?: string; form?: string };

/**
 * The address and whether it is confirmed; a change goes through a link to
 * the new address and applies only when it is followed.
 */
export function EmailCard({ email, verified, pending: initialPending }: { email: string; verified: boolean; pending: Pending }) {
  const toast = useToast();
  const [pending, setPending] = useState<Pending>(initialPending);
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Errors>({});

  const change = useMutation({
    mutationFn: (input: { email: string; current_password: string }) =>
      apiFetch<{ pending_email: string; expires_in: number }>("/api/v1/auth/email/change/", { body: input }),
    onSuccess: (result, _input) => {
      setPending({ email: result.pending_email, expires_at: new Date(Date.now() + result.expires_in * 1000).toISOString() });
      setOpen(false);
      toast({ title: "Check the new address", description: `We sent a link to ${result.pending_email}. Your address changes when you follow it.` });
    },
    onError: (failure) => {
      if (!(failure instanceof ApiError)) return setErrors({ form: "Something went wrong." });
      if (failure.code === "current_password_incorrect") return setErrors({ current_password: failure.message });
      if (failure.code === "email_taken" || failure.code === "email_unchanged") return setErrors({ email: failure.message });
      const fields = failure.fieldErrors();
      setErrors(fields.email || fields.current_password ? fields : { form: failure.message });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = changeEmailSchema.safeParse({ email: form.get("email"), current_password: form.get("current_password") });
    if (!parsed.success) {
      setErrors(firstMessagePerField(parsed.error.issues));
      return;
    }
    setErrors({});
    change.mutate(parsed.data);
  }

  return (
    <Card
      title="Email address"
      description="Where sign-in links, invitations and security notices go. You sign in with it."
      actions={
        open ? null : (
          <Button type="button" variant="secondary" size="sm" onClick={() => setOpen(true)}>
            Change email
          </Button>
        )
      }
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="font-medium break-all text-zinc-900" data-testid="profile-email">
          {email}
        </span>
        {verified ? <Badge tone="green">Confirmed</Badge> : <Badge tone="amber">Not confirmed</Badge>}
        {verified ? null : <ResendVerificationButton />}
      </div>
      {verified ? null : (
        <p className="mt-2 text-sm text-zinc-600">Follow the link we mailed to this address. Until then you cannot accept invitations to other organizations.</p>
      )}
      {pending ? (
        <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="pending-email">
          Waiting for you to follow the link sent to <span className="font-medium">{pending.email}</span>; it expires <RelativeTime date={pending.expires_at} />.
          Until then your address stays {email}.
        </p>
      ) : null}
      {open ? (
        <form onSubmit={onSubmit} noValidate className="mt-5 space-y-4 border-t border-zinc-200 pt-5">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="new-email" label="New email address" error={errors.email}>
              <Input
                id="new-email"
                name="email"
                type="email"
                autoComplete="email"
                required
                aria-invalid={errors.email ? true : undefined}
                aria-describedby={errors.email ? "new-email-error" : undefined}
              />
            </Field>
            <Field id="email-current-password" label="Current password" error={errors.current_password}>
              <Input
                id="email-current-password"
                name="current_password"
                type="password"
                autoComplete="current-password"
                required
                aria-invalid={errors.current_password ? true : undefined}
                aria-describedby={errors.current_password ? "email-current-password-error" : undefined}
              />
            </Field>
          </div>
          {errors.form ? (
            <p role="alert" className="text-sm text-red-700">
              {errors.form}
            </p>
          ) : null}
          <p className="text-sm text-zinc-600">We mail a link to the new address; the change applies when you follow it, and we tell {email}.</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" pending={change.isPending}>
              Send confirmation link
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setOpen(false);
                setErrors({});
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}

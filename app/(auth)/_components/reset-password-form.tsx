"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, apiFetch } from "@/lib/client/api";
import { resetPasswordSchema, type ResetPasswordInput } from "@/lib/schemas/auth";
import { FormError } from "./form-error";

/** A link that cannot be used (unknown, used, expired): say so and offer a new one instead of the form. */
const DEAD_LINK = new Set(["reset_token_invalid", "reset_token_expired"]);

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const reset = useMutation({
    mutationFn: (input: ResetPasswordInput) => apiFetch<{ email: string }>("/api/v1/auth/password/reset/", { body: input }),
    onSuccess: ({ email }) => router.replace(`/login?${new URLSearchParams({ email, password_reset: "1" })}`),
    onError: (error) => {
      if (error instanceof ApiError) setPasswordError(error.fieldErrors().password);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("password_confirmation") ?? "")) {
      setPasswordError("The two passwords differ.");
      return;
    }
    // Same schema as the API: the sign-up password rules, said before a round trip.
    const parsed = resetPasswordSchema.safeParse({ token, password });
    if (!parsed.success) {
      setPasswordError(parsed.error.issues[0]?.message);
      return;
    }
    setPasswordError(undefined);
    reset.mutate(parsed.data);
  }

  if (reset.error instanceof ApiError && DEAD_LINK.has(reset.error.code)) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">This link cannot be used</h1>
        <FormError>{reset.error.message}</FormError>
        <Link href="/forgot-password" className="block text-center text-sm font-medium text-indigo-600 hover:underline">
          Ask for a new link
        </Link>
      </div>
    );
  }

  const formError = reset.error && !(reset.error instanceof ApiError && reset.error.code === "validation_error") ? reset.error.message : null;
  const described = passwordError ? "password-error" : "password-hint";
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <h1 className="text-xl font-semibold">Choose a new password</h1>
        <p className="mt-1 text-sm text-zinc-500">Every session of your account is signed out when it is set.</p>
      </div>
      {formError ? (
        <FormError>{formError}</FormError>
      ) : null}
      <Field id="password" label="New password" error={passwordError} hint="At least 10 characters.">
        <Input id="password" name="password" type="password" autoComplete="new-password" required autoFocus aria-invalid={passwordError ? true : undefined} aria-describedby={described} />
      </Field>
      <Field id="password_confirmation" label="The same password again">
        <Input id="password_confirmation" name="password_confirmation" type="password" autoComplete="new-password" required />
      </Field>
      <Button type="submit" className="w-full" pending={reset.isPending}>
        Set the new password
      </Button>
    </form>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, apiFetch } from "@/lib/client/api";
import { forgotPasswordSchema, type ForgotPasswordInput } from "@/lib/schemas/auth";
import { FormError } from "./form-error";

export function ForgotPasswordForm() {
  const params = useSearchParams();
  const [emailError, setEmailError] = useState<string | undefined>();
  const request = useMutation({
    mutationFn: (input: ForgotPasswordInput) => apiFetch<{ message: string }>("/api/v1/auth/password/forgot/", { body: input }),
    onError: (error) => {
      if (error instanceof ApiError) setEmailError(error.fieldErrors().email);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = forgotPasswordSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      setEmailError(parsed.error.issues[0]?.message);
      return;
    }
    setEmailError(undefined);
    request.mutate(parsed.data);
  }

  if (request.isSuccess) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Check your email</h1>
        <p role="status" data-testid="forgot-password-sent" className="text-sm text-zinc-700">
          {request.data.message}
        </p>
        <p className="text-sm text-zinc-500">Nothing after a few minutes? Check the address and your spam folder, then ask again.</p>
        <Link href="/login" className="block text-center text-sm font-medium text-indigo-600 hover:underline">
          Back to sign in
        </Link>
      </div>
    );
  }

  const formError = request.error && !(request.error instanceof ApiError && request.error.code === "validation_error") ? request.error.message : null;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <h1 className="text-xl font-semibold">Reset your password</h1>
        <p className="mt-1 text-sm text-zinc-500">Enter your account&apos;s email and we will mail you a link to choose a new password.</p>
      </div>
      {formError ? (
        <FormError>{formError}</FormError>
      ) : null}
      <Field id="email" label="Email" error={emailError}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          autoFocus
          defaultValue={params.get("email") ?? undefined}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : undefined}
        />
      </Field>
      <Button type="submit" className="w-full" pending={request.isPending}>
        Send the link
      </Button>
      <p className="text-center text-sm text-zinc-500">
        Remembered it?{" "}
        <Link href="/login" className="font-medium text-indigo-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, apiFetch, firstMessagePerField } from "@/lib/client/api";
import { registerSchema, type RegisterInput } from "@/lib/schemas/auth";
import { NewKeysReveal, type RevealedKey } from "@/components/api-keys/new-keys-reveal";
import { FormError } from "./form-error";

type FieldName = keyof RegisterInput;

export function SignupForm() {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [emailTyped, setEmailTyped] = useState("");

  const register = useMutation({
    mutationFn: async (input: RegisterInput) => {
      const created = await apiFetch<{ api_keys: RevealedKey[] }>("/api/v1/auth/register/", { body: input });
      const result = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      // The answer is the secrets' one reveal: they stay in this component's memory until the page is left,
      // and are shown even when the sign-in after it failed, since they cannot be shown again.
      return { keys: created.api_keys.filter((key) => key.mode === "test"), signedIn: Boolean(result && !result.error), email: input.email };
    },
    onError: (error) => {
      if (error instanceof ApiError) setFieldErrors(error.fieldErrors());
    },
  });

  if (register.data) {
    return (
      <div className="space-y-4">
        <div>
          <h1 className="text-xl font-semibold">Your test keys</h1>
          <p className="mt-1 text-sm text-zinc-500">
            Your account is ready. Your servers call the platform API with a secret key; test keys never move real money.
          </p>
        </div>
        {!register.data.signedIn ? (
          <FormError>Your account was created, but signing you in failed. Store the key, then sign in.</FormError>
        ) : null}
        <NewKeysReveal
          keys={register.data.keys}
          recordStored={register.data.signedIn}
          onDone={() => {
            if (!register.data.signedIn) return router.replace(`/login?email=${encodeURIComponent(register.data.email)}`);
            router.replace("/dashboard");
            router.refresh();
          }}
        >
          <p className="text-sm text-zinc-600">Live keys were issued too: regenerate them on API keys when you are ready to take real payments.</p>
        </NewKeysReveal>
      </div>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget));
    // Same schema as the API: the form says what is wrong before a round trip.
    const parsed = registerSchema.safeParse(form);
    if (!parsed.success) {
      setFieldErrors(firstMessagePerField(parsed.error.issues));
      return;
    }
    setFieldErrors({});
    setEmailTyped(parsed.data.email);
    register.mutate(parsed.data);
  }

  const formError = register.error && !(register.error instanceof ApiError && register.error.code === "validation_error") ? register.error.message : null;
  const input = (name: FieldName) => ({
    id: name,
    name,
    "aria-invalid": fieldErrors[name] ? true : undefined,
    "aria-describedby": fieldErrors[name] ? `${name}-error` : undefined,
  });

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <h1 className="text-xl font-semibold">Create your account</h1>
        <p className="mt-1 text-sm text-zinc-500">You become the owner of a new tenant.</p>
      </div>
      {formError ? (
        <FormError>
          {register.error instanceof ApiError && register.error.code === "email_taken" ? (
            <>
              An account with this email already exists.{" "}
              <Link href={`/login?email=${encodeURIComponent(emailTyped)}`} className="font-medium underline">
                Sign in instead
              </Link>
              .
            </>
          ) : (
            formError
          )}
        </FormError>
      ) : null}
      <Field id="name" label="Your name" error={fieldErrors.name}>
        <Input {...input("name")} autoComplete="name" required autoFocus />
      </Field>
      <Field id="email" label="Work email" error={fieldErrors.email}>
        <Input {...input("email")} type="email" autoComplete="email" required />
      </Field>
      <Field id="password" label="Password" error={fieldErrors.password} hint="At least 10 characters.">
        <Input {...input("password")} type="password" autoComplete="new-password" required />
      </Field>
      <Field id="tenant_name" label="Organisation name" error={fieldErrors.tenant_name}>
        <Input {...input("tenant_name")} autoComplete="organization" required />
      </Field>
      <Button type="submit" className="w-full" pending={register.isPending}>
        Create account
      </Button>
      <p className="text-center text-sm text-zinc-500">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-indigo-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}

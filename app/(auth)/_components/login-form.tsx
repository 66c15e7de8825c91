"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { challengeFromSignInError, recoveryCodesRemainingText } from "@/lib/auth/two-factor-rules";
import { apiFetch } from "@/lib/client/api";
import { safeCallbackUrl } from "./safe-callback";
import { FormError } from "./form-error";
import { TwoFactorStep } from "./two-factor-step";

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const callbackUrl = safeCallbackUrl(params.get("callbackUrl"));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Set when the password was right and the account asks for a second factor.
  const [challenge, setChallenge] = useState<string | null>(null);
  // Set after a sign-in with a recovery code: how many are left, before going on.
  const [recoveryLeft, setRecoveryLeft] = useState<number | null>(null);

  function enterPortal() {
    router.replace(callbackUrl);
    router.refresh();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    const token = challengeFromSignInError(result?.error);
    if (token) {
      setPending(false);
      setChallenge(token);
      return;
    }
    if (!result || result.error) {
      setPending(false);
      // next-auth passes our authorize() message through; anything else is ours to word.
      const message = result?.error && result.error !== "CredentialsSignin" ? result.error : "Incorrect email or password.";
      setError(message);
      return;
    }
    enterPortal();
  }

  if (recoveryLeft !== null) {
    return (
      <div className="space-y-4" data-testid="recovery-code-used">
        <h1 className="text-xl font-semibold">Signed in with a recovery code</h1>
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          That code is used up. {recoveryCodesRemainingText(recoveryLeft)}. If your authenticator app is lost, turn two-factor off and on again in your profile, or make new recovery codes.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={enterPortal}>
            Continue
          </Button>
          <Button type="button" variant="secondary" onClick={() => router.replace("/settings/profile")}>
            Open your profile
          </Button>
        </div>
      </div>
    );
  }

  if (challenge) {
    return (
      <TwoFactorStep
        challenge={challenge}
        onSignedIn={async (method) => {
          if (method === "recovery_code") {
            const status = await apiFetch<{ recovery_codes_remaining: number }>("/api/v1/auth/two-factor/").catch(() => null);
            if (status) {
              setRecoveryLeft(status.recovery_codes_remaining);
              return;
            }
          }
          enterPortal();
        }}
        onStartOver={() => {
          setChallenge(null);
          setError(null);
        }}
      />
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <h1 className="text-xl font-semibold">Sign in</h1>
        <p className="mt-1 text-sm text-zinc-500">Manage your integration: Stripe, API keys, webhooks.</p>
      </div>
      {params.get("password_reset") === "1" && !error ? (
        <p role="status" data-testid="password-reset-done" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Your password was changed and every session signed out. Sign in with the new password.
        </p>
      ) : null}
      {error ? (
        <FormError>{error}</FormError>
      ) : null}
      <Field id="email" label="Email">
        <Input id="email" name="email" type="email" autoComplete="email" required autoFocus defaultValue={params.get("email") ?? undefined} />
      </Field>
      <Field id="password" label="Password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <p className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-indigo-600 hover:underline">
          Forgot password?
        </Link>
      </p>
      <Button type="submit" className="w-full" pending={pending}>
        Sign in
      </Button>
      <p className="text-center text-sm text-zinc-500">
        New here?{" "}
        <Link href="/signup" className="font-medium text-indigo-600 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}

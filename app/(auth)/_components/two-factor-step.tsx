"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { FormError } from "./form-error";

/**
 * The second step of signing in, after the right password: a code from the
 * authenticator app, or one of the recovery codes. Only this step's provider
 * ("two-factor", with the challenge the password step answered) makes a session.
 */
export function TwoFactorStep({
  challenge,
  onSignedIn,
  onStartOver,
}: {
  challenge: string;
  onSignedIn: (method: "totp" | "recovery_code") => void | Promise<void>;
  onStartOver: () => void;
}) {
  const [method, setMethod] = useState<"totp" | "recovery_code">("totp");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("code") ?? "");
    setPending(true);
    setError(null);
    const result = await signIn("two-factor", {
      challenge_token: challenge,
      ...(method === "totp" ? { code: value } : { recovery_code: value }),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "That code did not work. Try again.");
      return;
    }
    await onSignedIn(method);
  }

  const totp = method === "totp";
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="two-factor-step">
      <div>
        <h1 className="text-xl font-semibold">Two-factor sign-in</h1>
        <p className="mt-1 text-sm text-zinc-500">
          {totp ? "Enter the 6-digit code your authenticator app shows for this account." : "Enter one of the recovery codes you saved. Each works once."}
        </p>
      </div>
      {error ? <FormError>{error}</FormError> : null}
      <Field id="code" label={totp ? "Authentication code" : "Recovery code"}>
        <Input
          key={method}
          id="code"
          name="code"
          required
          autoFocus
          autoComplete={totp ? "one-time-code" : "off"}
          inputMode={totp ? "numeric" : "text"}
          spellCheck={false}
          className="font-mono tabular-nums"
          placeholder={totp ? "123456" : "xxxxx-xxxxx"}
        />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>
        Verify
      </Button>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <button
          type="button"
          className="font-medium text-indigo-600 hover:underline"
          onClick={() => {
            setMethod(totp ? "recovery_code" : "totp");
            setError(null);
          }}
        >
          {totp ? "Use a recovery code" : "Use an authentication code"}
        </button>
        <button type="button" className="text-zinc-500 hover:underline" onClick={onStartOver}>
          Start over
        </button>
      </div>
    </form>
  );
}

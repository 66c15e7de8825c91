"use client";

import { signIn, signOut } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { ROLE_SUMMARIES, withArticle } from "@/components/team/role-text";
import { ApiError, apiFetch, firstMessagePerField } from "@/lib/client/api";
import type { Role } from "@/lib/auth/roles";
import { invitationPasswordSchema, invitationSignupSchema } from "@/lib/schemas/team";
import { FormError } from "../../_components/form-error";
import { ResendVerificationButton } from "@/components/settings/resend-verification-button";

type Invitation = { email: string; role: string; tenant_name: string; expires_at: string; account_exists: boolean; account_verified: boolean | null };
type Props = { token: string; invitation: Invitation; signedInAs: { email: string; name: string; verified: boolean } | null };

const ACCEPT_PATH = "/api/v1/auth/tenants/invitations/accept/";

export function AcceptInvitation({ token, invitation, signedInAs }: Props) {
  const returnTo = `/invite/${token}`;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Join {invitation.tenant_name}</h1>
        <p className="mt-1 text-sm text-zinc-600">
          {invitation.email} is invited as {withArticle(invitation.role)}. {ROLE_SUMMARIES[invitation.role as Role]}
        </p>
        <p className="mt-1 text-xs text-zinc-500">
          The link works once and expires <RelativeTime date={invitation.expires_at} />.
        </p>
      </div>
      {signedInAs && signedInAs.email !== invitation.email ? (
        <>
          <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
            You are signed in as {signedInAs.email}, but this invitation is for {invitation.email}.
          </p>
          <Button className="w-full" variant="secondary" onClick={() => void signOut({ callbackUrl: returnTo })}>
            Sign out and continue as {invitation.email}
          </Button>
        </>
      ) : signedInAs && !signedInAs.verified ? (
        <ConfirmFirst email={invitation.email} />
      ) : signedInAs ? (
        <JoinAsSignedIn token={token} tenantName={invitation.tenant_name} name={signedInAs.name} />
      ) : invitation.account_exists && invitation.account_verified === false ? (
        <UnconfirmedAccount email={invitation.email} returnTo={returnTo} />
      ) : invitation.account_exists ? (
        <JoinWithPassword token={token} email={invitation.email} tenantName={invitation.tenant_name} returnTo={returnTo} />
      ) : (
        <CreateAccountAndJoin token={token} email={invitation.email} tenantName={invitation.tenant_name} />
      )}
    </div>
  );
}

/** Signed in as the invited address, not confirmed yet: the mailbox's own link comes first. */
function ConfirmFirst({ email }: { email: string }) {
  return (
    <div className="space-y-3" data-testid="confirm-email-first">
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
        Confirm {email} before accepting: follow the link we mailed to it, then open this invitation again.
      </p>
      <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-600">
        No mail? <ResendVerificationButton />
      </p>
    </div>
  );
}

/**
 * Someone signed up with the invited address and never confirmed it. It may
 * be the invitee, who then signs in and confirms; or a stranger, in which
 * case the invitee takes the address back with a password reset (the link
 * reaches only their mailbox, and completing it confirms the address).
 */
function UnconfirmedAccount({ email, returnTo }: { email: string; returnTo: string }) {
  const [sent, setSent] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function reset() {
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/v1/auth/password/forgot/", { body: { email } });
      setSent(true);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "Something went wrong.");
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="space-y-3" data-testid="unconfirmed-account">
      <p className="text-sm text-zinc-700">
        An account already uses {email}, but its address was never confirmed, so it cannot accept this invitation yet.
      </p>
      <ul className="list-disc space-y-1 pl-5 text-sm text-zinc-600">
        <li>
          If it is your account,{" "}
          <Link href={`/login?callbackUrl=${encodeURIComponent(returnTo)}&email=${encodeURIComponent(email)}`} className="font-medium text-indigo-700 hover:underline">
            sign in
          </Link>{" "}
          and confirm your address from the link we mailed you.
        </li>
        <li>If it is not yours, or you do not know its password, set a new password: the link goes to {email} only, and using it confirms the address and signs everyone else out.</li>
      </ul>
      {error ? <FormError>{error}</FormError> : null}
      {sent ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Check {email}: follow the link to choose a password, then open this invitation again.
        </p>
      ) : (
        <Button className="w-full" variant="secondary" pending={pending} onClick={() => void reset()}>
          Email me a link to set the password
        </Button>
      )}
    </div>
  );
}

/** After joining without a session: sign in through next-auth, which reopens the tenant opened last, the joined one. */
async function signInAfterJoining(email: string, password: string): Promise<boolean> {
  const result = await signIn("credentials", { email, password, redirect: false });
  return Boolean(result && !result.error);
}

function JoinWithPassword({ token, email, tenantName, returnTo }: { token: string; email: string; tenantName: string; returnTo: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = invitationPasswordSchema.safeParse({ password: String(new FormData(event.currentTarget).get("password") ?? "") });
    if (!parsed.success) {
      setError(parsed.error.issues[0].message);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await apiFetch(ACCEPT_PATH, { body: { token, password: parsed.data.password } });
      const signedIn = await signInAfterJoining(email, parsed.data.password);
      router.replace(signedIn ? "/dashboard" : "/login");
      router.refresh();
    } catch (failure) {
      setPending(false);
      setError(failure instanceof Error ? failure.message : "Something went wrong.");
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <p className="text-sm text-zinc-600">{email} already has an account. Enter its password to accept.</p>
      {error ? (
        <FormError>{error}</FormError>
      ) : null}
      <Field id="password" label="Password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required aria-invalid={error ? true : undefined} />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>
        Accept and join {tenantName}
      </Button>
      <p className="text-center text-sm text-zinc-500">
        Or{" "}
        <Link href={`/login?callbackUrl=${encodeURIComponent(returnTo)}&email=${encodeURIComponent(email)}`} className="font-medium text-indigo-700 hover:underline">
          sign in first
        </Link>{" "}
        and come back to this link.
      </p>
    </form>
  );
}

function JoinAsSignedIn({ token, tenantName, name }: { token: string; tenantName: string; name: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function join() {
    setPending(true);
    setError(null);
    try {
      // The response also moves this browser's session to the joined tenant.
      await apiFetch(ACCEPT_PATH, { body: { token } });
      router.replace("/dashboard");
      router.refresh();
    } catch (failure) {
      setPending(false);
      setError(failure instanceof Error ? failure.message : "Something went wrong.");
    }
  }
  return (
    <>
      <p className="text-sm text-zinc-600">You are signed in as {name}.</p>
      {error ? (
        <FormError>{error}</FormError>
      ) : null}
      <Button className="w-full" pending={pending} onClick={() => void join()}>
        Accept and join {tenantName}
      </Button>
    </>
  );
}

function CreateAccountAndJoin({ token, email, tenantName }: { token: string; email: string; tenantName: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = invitationSignupSchema.safeParse({ name: String(form.get("name") ?? ""), password: String(form.get("password") ?? "") });
    if (!parsed.success) {
      setErrors(firstMessagePerField(parsed.error.issues));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      await apiFetch(ACCEPT_PATH, { body: { token, ...parsed.data } });
      // The account exists now: sign in like any other sign-in.
      const signedIn = await signInAfterJoining(email, parsed.data.password);
      router.replace(signedIn ? "/dashboard" : "/login");
      router.refresh();
    } catch (failure) {
      setPending(false);
      setErrors(failure instanceof ApiError ? { ...failure.fieldErrors(), form: failure.message } : { form: "Something went wrong." });
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {errors.form && !errors.name && !errors.password ? (
        <FormError>{errors.form}</FormError>
      ) : null}
      <Field id="invite-account-email" label="Email">
        <Input id="invite-account-email" value={email} readOnly disabled />
      </Field>
      <Field id="name" label="Your name" error={errors.name}>
        <Input id="name" name="name" autoComplete="name" required aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? "name-error" : undefined} />
      </Field>
      <Field id="password" label="Choose a password" error={errors.password} hint="At least 10 characters.">
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "password-error" : "password-hint"}
        />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>
        Create account and join {tenantName}
      </Button>
    </form>
  );
}

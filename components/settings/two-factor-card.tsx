"use client";

import { useMutation } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton, CopyField } from "@/components/ui/copy-field";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import { recoveryCodesFileText, recoveryCodesRemainingText } from "@/lib/auth/two-factor-rules";
import { ApiError, apiFetch } from "@/lib/client/api";

/** GET /api/v1/auth/two-factor/ (lib/auth/two-factor.ts TwoFactorStatus). */
export type TwoFactorStatusView = {
  enabled: boolean;
  enabled_at: string | null;
  pending: boolean;
  recovery_codes_remaining: number;
  required_by_tenant: boolean;
};

type Enrolment = { secret: string; otpauth_uri: string; qr_code_svg: string; issuer: string; account: string };

const BASE = "/api/v1/auth/two-factor/";

const messageOf = (error: unknown) => (error instanceof ApiError ? error.fieldErrors().code ?? error.message : "Something went wrong. Try again.");

/** The codes, shown once: copy them all or download them as a text file. */
function RecoveryCodes({ codes, account, onDone }: { codes: string[]; account: string; onDone: () => void }) {
  const text = recoveryCodesFileText({ account, codes, createdAt: new Date() });
  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "tenant-admin-portal-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  }
  return (
    <div className="space-y-3" data-testid="recovery-codes">
      <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
        Save these recovery codes now: they will not be shown again. Each one signs you in once when your authenticator app is not at hand.
      </p>
      <ul className="grid grid-cols-2 gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-sm tabular-nums sm:grid-cols-5" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <CopyButton value={codes.join("\n")} label="recovery codes" />
        <Button type="button" variant="secondary" onClick={download}>
          Download as text
        </Button>
        <Button type="button" onClick={onDone}>
          I have saved them
        </Button>
      </div>
    </div>
  );
}

/** A 6-digit code field: numeric keyboard on phones, one-time-code autofill. */
function CodeField({ id, label = "Authentication code", error, disabled }: { id: string; label?: string; error?: string; disabled?: boolean }) {
  return (
    <Field id={id} label={label} error={error} hint="The 6-digit code your authenticator app shows now.">
      <Input
        id={id}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={7}
        required
        disabled={disabled}
        className="max-w-40 font-mono tabular-nums"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
      />
    </Field>
  );
}

/**
 * The person's own two-factor sign-in: set up (QR code, the secret for typing
 * in, a code to confirm), the recovery codes once, regenerating them, turning
 * it off with a code or the password.
 */
export function TwoFactorCard({ initialStatus, account }: { initialStatus: TwoFactorStatusView; account: string }) {
  const router = useRouter();
  const toast = useToast();
  const [status, setStatus] = useState(initialStatus);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"disable" | "regenerate" | null>(null);
  const [disableWith, setDisableWith] = useState<"code" | "password">("code");
  const [dialogError, setDialogError] = useState<string | null>(null);

  const refreshStatus = async () => setStatus(await apiFetch<TwoFactorStatusView>(BASE));

  const start = useMutation({
    mutationFn: () => apiFetch<Enrolment>(`${BASE}enrol/`, { method: "POST" }),
    onSuccess: (started) => {
      setEnrolment(started);
      setError(null);
    },
    onError: (failure) => setError(messageOf(failure)),
  });

  const confirm = useMutation({
    mutationFn: (code: string) => apiFetch<{ enabled_at: string; recovery_codes: string[] }>(`${BASE}confirm/`, { body: { code } }),
    onSuccess: async (confirmed) => {
      setEnrolment(null);
      setCodes(confirmed.recovery_codes);
      setError(null);
      await refreshStatus();
      toast({ title: "Two-factor sign-in is on", description: "From your next sign-in, we ask for a code after the password." });
    },
    onError: (failure) => setError(messageOf(failure)),
  });

  const disable = useMutation({
    mutationFn: (body: { code: string } | { password: string }) => apiFetch(`${BASE}disable/`, { body }),
    onSuccess: async () => {
      setDialog(null);
      setCodes(null);
      await refreshStatus();
      toast({ title: "Two-factor sign-in is off", description: "We mailed you a notice. Signing in now needs only your password." });
      router.refresh();
    },
    onError: (failure) => setDialogError(messageOf(failure)),
  });

  const regenerate = useMutation({
    mutationFn: (code: string) => apiFetch<{ recovery_codes: string[] }>(`${BASE}recovery-codes/`, { body: { code } }),
    onSuccess: async (regenerated) => {
      setDialog(null);
      setCodes(regenerated.recovery_codes);
      await refreshStatus();
      toast({ title: "New recovery codes", description: "The earlier codes no longer work." });
    },
    onError: (failure) => setDialogError(messageOf(failure)),
  });

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    confirm.mutate(String(new FormData(event.currentTarget).get("code") ?? ""));
  }

  function onDialogSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setDialogError(null);
    if (dialog === "regenerate") regenerate.mutate(String(form.get("code") ?? ""));
    else if (disableWith === "code") disable.mutate({ code: String(form.get("code") ?? "") });
    else disable.mutate({ password: String(form.get("password") ?? "") });
  }

  function openDialog(which: "disable" | "regenerate") {
    setDialogError(null);
    setDisableWith("code");
    setDialog(which);
  }

  const badge = status.enabled ? <Badge tone="green">On</Badge> : <Badge tone={status.required_by_tenant ? "amber" : "grey"}>Off</Badge>;

  return (
    <Card
      title="Two-factor sign-in"
      description="After your password, ask for a code from an authenticator app (1Password, Google Authenticator, Authy…)."
      actions={badge}
    >
      <div className="space-y-4" data-testid="two-factor-card">
        {codes ? (
          <RecoveryCodes
            codes={codes}
            account={account}
            onDone={() => {
              setCodes(null);
              router.refresh();
            }}
          />
        ) : null}

        {!status.enabled && !enrolment && !codes ? (
          <div className="space-y-3">
            <p className="text-sm text-zinc-700">
              Two-factor sign-in is off: your password alone signs you in.
              {status.required_by_tenant ? " Your organization requires it: set it up to continue." : null}
            </p>
            <Button type="button" pending={start.isPending} onClick={() => start.mutate()}>
              <ShieldCheck aria-hidden className="size-4" />
              Set up two-factor sign-in
            </Button>
          </div>
        ) : null}

        {enrolment ? (
          <form onSubmit={onConfirm} className="space-y-4" noValidate>
            <ol className="list-decimal space-y-4 pl-5 text-sm text-zinc-700">
              <li>
                <p>Scan this QR code with your authenticator app.</p>
                {/* A data: URL rendered on our server: no image service sees the secret. */}
                {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing for next/image to optimise */}
                <img src={enrolment.qr_code_svg} alt={`QR code for ${enrolment.issuer} (${enrolment.account})`} width={176} height={176} className="mt-2 rounded-md border border-zinc-200 bg-white p-2" />
              </li>
              <li className="space-y-2">
                <p>Or type this secret key into the app (time-based, 6 digits):</p>
                <div className="max-w-md" data-testid="two-factor-secret">
                  <CopyField value={enrolment.secret} label="Secret key" />
                </div>
              </li>
              <li>
                <p className="mb-2">Enter the code the app shows to finish.</p>
                <CodeField id="two-factor-confirm-code" error={error ?? undefined} />
              </li>
            </ol>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" pending={confirm.isPending}>
                Turn on two-factor sign-in
              </Button>
              <Button type="button" variant="secondary" onClick={() => setEnrolment(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : null}

        {!enrolment && error ? (
          <p className="text-sm text-red-600" role="alert">
            {error}
          </p>
        ) : null}

        {status.enabled && !codes ? (
          <div className="space-y-3">
            <dl className="grid gap-1 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className="text-zinc-500">On since</dt>
              <dd className="tabular-nums">{status.enabled_at ? new Date(status.enabled_at).toUTCString() : "—"}</dd>
              <dt className="text-zinc-500">Recovery codes</dt>
              <dd data-testid="recovery-codes-remaining" className={status.recovery_codes_remaining <= 2 ? "text-amber-800" : undefined}>
                {recoveryCodesRemainingText(status.recovery_codes_remaining)}
                {status.recovery_codes_remaining <= 2 ? ": make new ones before you run out." : null}
              </dd>
            </dl>
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="secondary" onClick={() => openDialog("regenerate")}>
                Regenerate recovery codes
              </Button>
              <Button type="button" variant="danger-ghost" onClick={() => openDialog("disable")}>
                Turn off
              </Button>
            </div>
          </div>
        ) : null}
      </div>

      {dialog ? (
        <Dialog
          open
          onOpenChange={(open) => (open ? null : setDialog(null))}
          title={dialog === "disable" ? "Turn off two-factor sign-in?" : "Regenerate recovery codes?"}
          description={
            dialog === "disable"
              ? "Your password alone will sign you in again. We mail you a notice. Confirm with a current code or your password."
              : "You get 10 new codes; the ones you have now stop working at once. Confirm with a current code."
          }
        >
          <form onSubmit={onDialogSubmit} className="space-y-4" noValidate>
            {dialog === "disable" && disableWith === "password" ? (
              <Field id="two-factor-disable-password" label="Password">
                <Input id="two-factor-disable-password" name="password" type="password" autoComplete="current-password" required />
              </Field>
            ) : (
              <CodeField id={`two-factor-${dialog}-code`} />
            )}
            {dialog === "disable" ? (
              <button
                type="button"
                className="text-sm font-medium text-indigo-600 hover:underline"
                onClick={() => {
                  setDialogError(null);
                  setDisableWith(disableWith === "code" ? "password" : "code");
                }}
              >
                {disableWith === "code" ? "Use your password instead" : "Use an authentication code instead"}
              </button>
            ) : null}
            <DialogActions error={dialogError} errorTestId="two-factor-dialog-error" onCancel={() => setDialog(null)}>
              <Button type="submit" variant={dialog === "disable" ? "danger" : "primary"} pending={disable.isPending || regenerate.isPending}>
                {dialog === "disable" ? "Turn off two-factor" : "Regenerate codes"}
              </Button>
            </DialogActions>
          </form>
        </Dialog>
      ) : null}
    </Card>
  );
}

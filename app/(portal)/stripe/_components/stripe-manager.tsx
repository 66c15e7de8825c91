"use client";

import { format } from "date-fns";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2, ExternalLink, FlaskConical, RefreshCw, Unplug } from "lucide-react";
import { useState } from "react";
import { requirementInWords } from "@/components/stripe/requirements";
import { StripeBalance } from "@/components/stripe/stripe-balance";
import { useStartOnboarding } from "@/components/stripe/use-start-onboarding";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toaster";
import { TypedConfirmForm } from "@/components/ui/typed-confirm-form";
import { apiFetch } from "@/lib/client/api";
import type { StripeStatusView } from "@/lib/stripe/connect";

const STATUS_QUERY = ["stripe-status"] as const;
const BASE = "/api/v1/auth/tenants/stripe";

type Notice = { kind: "success" | "error"; message: string } | null;

export function StripeManager({ initial, canManage, notice, locale }: { initial: StripeStatusView; canManage: boolean; notice: Notice; locale: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const { data: status } = useQuery({ queryKey: STATUS_QUERY, queryFn: () => apiFetch<StripeStatusView>(`${BASE}/status/`), initialData: initial, staleTime: Infinity });

  const connect = useStartOnboarding();
  const refresh = useMutation({
    mutationFn: () => apiFetch<StripeStatusView>(`${BASE}/status/`),
    onSuccess: (result) => {
      queryClient.setQueryData(STATUS_QUERY, result);
      toast({ title: "Status refreshed from Stripe" });
    },
  });
  const disconnect = useMutation({
    mutationFn: () => apiFetch<StripeStatusView>(`${BASE}/disconnect/`, { body: { confirm: true } }),
    onSuccess: (result) => {
      queryClient.setQueryData(STATUS_QUERY, result);
      setConfirming(false);
      toast({ title: "Stripe disconnected", description: "The tenant is back to pending until an account is connected again." });
    },
  });

  const due = [...status.requirements.past_due, ...status.requirements.currently_due.filter((key) => !status.requirements.past_due.includes(key))];
  const connectLabel = status.connected || status.onboarding_started ? "Continue onboarding" : "Connect with Stripe";

  return (
    <div className="space-y-6">
      {notice ? (
        <div
          role={notice.kind === "error" ? "alert" : "status"}
          data-testid="stripe-notice"
          className={
            notice.kind === "error"
              ? "flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
              : "flex items-start gap-2 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
          }
        >
          {notice.kind === "error" ? <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" /> : <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />}
          {notice.message}
        </div>
      ) : null}
      {status.simulator ? (
        <p className="flex items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="simulator-banner">
          <FlaskConical aria-hidden className="size-4" />
          Stripe simulator: no real Stripe account is involved. Set STRIPE_SECRET_KEY to use Stripe.
        </p>
      ) : null}
      {status.disconnected_reason ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <p className="font-medium">The Stripe account is disconnected</p>
          <p>{status.disconnected_reason}</p>
        </div>
      ) : null}

      {!status.connected ? (
        <Card title="Not connected" description="Connecting creates (or links) the Stripe account that receives this tenant's payments and payouts.">
          <ul className="mb-4 list-disc space-y-1 pl-5 text-sm text-zinc-600">
            <li>You are sent to Stripe to enter the business details; it takes a few minutes.</li>
            <li>When you come back, the tenant becomes active as soon as Stripe enables charges.</li>
          </ul>
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={() => connect.mutate()} pending={connect.isPending} disabled={!canManage || !status.configured}>
              <ExternalLink aria-hidden className="size-4" />
              {connectLabel}
            </Button>
            {!canManage ? <p className="text-sm text-zinc-500" data-testid="owner-only-note">Only owners can connect a Stripe account.</p> : null}
            {!status.configured ? <p className="text-sm text-zinc-500">Stripe is not configured on this server.</p> : null}
          </div>
          {connect.error ? <p className="mt-3 text-sm text-red-600" role="alert">{connect.error.message}</p> : null}
        </Card>
      ) : (
        <Card
          title="Connected account"
          actions={
            <Button size="sm" variant="secondary" onClick={() => refresh.mutate()} pending={refresh.isPending}>
              <RefreshCw aria-hidden className="size-4" />
              Refresh status
            </Button>
          }
        >
          <dl className="grid gap-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-zinc-500">Account</dt>
              <dd className="mt-1 flex items-center gap-1">
                <span className="font-mono break-all text-zinc-900" data-testid="stripe-account-id">
                  {status.account_id}
                </span>
                {status.account_id ? <CopyButton value={status.account_id} label={`Stripe account id ${status.account_id}`} compact /> : null}
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500">Onboarding</dt>
              <dd className="mt-1 flex flex-wrap gap-2">
                <Badge tone="grey">{status.mode === "oauth" ? "OAuth" : "Account Links"}</Badge>
                <Badge tone={status.livemode ? "accent" : "grey"}>{status.livemode ? "live" : "test"}</Badge>
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500">Capabilities</dt>
              <dd className="mt-1 flex flex-wrap gap-2" data-testid="stripe-capabilities">
                <Badge tone={status.charges_enabled ? "green" : "amber"}>charges {status.charges_enabled ? "enabled" : "disabled"}</Badge>
                <Badge tone={status.payouts_enabled ? "green" : "amber"}>payouts {status.payouts_enabled ? "enabled" : "disabled"}</Badge>
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500">Details submitted</dt>
              <dd className="mt-1">{status.details_submitted ? "Yes" : "Not yet"}</dd>
            </div>
            <div>
              <dt className="text-zinc-500">Last checked</dt>
              <dd className="mt-1">
                <RelativeTime date={status.checked_at} />
              </dd>
            </div>
          </dl>
          {due.length > 0 ? (
            <div className="mt-5 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm" data-testid="stripe-requirements">
              <p className="font-medium text-amber-900">
                Stripe still needs {due.length === 1 ? "one thing" : `${due.length} things`}
                {status.requirements.current_deadline ? (
                  <> by {format(new Date(status.requirements.current_deadline * 1000), "d MMM yyyy")}</>
                ) : null}
                :
              </p>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-amber-900">
                {due.map((key) => (
                  <li key={key}>{requirementInWords(key)}</li>
                ))}
              </ul>
              {status.mode !== "oauth" ? (
                <Button className="mt-3" size="sm" onClick={() => connect.mutate()} pending={connect.isPending} disabled={!canManage}>
                  Continue onboarding
                </Button>
              ) : null}
            </div>
          ) : null}
          <div className="mt-5 flex flex-wrap items-center justify-between gap-2 border-t border-zinc-100 pt-4">
            <p className="text-sm text-zinc-500">{canManage ? "Disconnecting stops payments to this tenant." : "Only owners can disconnect."}</p>
            <Button size="sm" variant="danger" disabled={!canManage} onClick={() => setConfirming(true)}>
              <Unplug aria-hidden className="size-4" />
              Disconnect
            </Button>
          </div>
          {refresh.error ? <p className="mt-3 text-sm text-red-600" role="alert">{refresh.error.message}</p> : null}
        </Card>
      )}

      {status.connected ? <StripeBalance locale={locale} mode={status.mode} /> : null}

      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Disconnect Stripe"
        description={`Unlinks ${status.account_id ?? "the account"} from this tenant${status.mode === "oauth" ? " and revokes the platform's access at Stripe" : ""}. The tenant goes back to pending and cannot take payments.`}
      >
        <TypedConfirmForm
          word="disconnect"
          actionLabel="Disconnect"
          pending={disconnect.isPending}
          error={disconnect.error?.message}
          onConfirm={() => disconnect.mutate()}
          onCancel={() => setConfirming(false)}
        />
      </Dialog>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toaster";
import { ApiError, apiFetch } from "@/lib/client/api";

/** GET /api/v1/auth/tenants/two-factor/ (lib/tenants/two-factor-requirement.ts). */
export type TwoFactorRequirementView = { required: boolean; members: number; members_without_two_factor: number };

const PATH = "/api/v1/auth/tenants/two-factor/";

/**
 * The owner's switch: require two-factor sign-in of every member. Shown to
 * everyone, changeable by owners who have two-factor themselves; the others
 * see why they cannot.
 */
export function TwoFactorRequirementCard({
  initial,
  tenantName,
  isOwner,
  ownerHasTwoFactor,
}: {
  initial: TwoFactorRequirementView;
  tenantName: string;
  isOwner: boolean;
  ownerHasTwoFactor: boolean;
}) {
  const toast = useToast();
  const [view, setView] = useState(initial);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (required: boolean) => apiFetch<TwoFactorRequirementView>(PATH, { method: "PUT", body: { required } }),
    onSuccess: (saved) => {
      setView(saved);
      setConfirming(false);
      setError(null);
      toast({
        title: saved.required ? "Two-factor sign-in required" : "Two-factor sign-in no longer required",
        description: saved.required
          ? `Members without it are sent to set it up at their next page (${saved.members_without_two_factor} now).`
          : "Members choose for themselves again.",
      });
    },
    onError: (failure) => setError(failure instanceof ApiError ? failure.message : "Something went wrong. Try again."),
  });

  // An owner without two-factor changes nothing here: before it is required the API refuses, and once
  // it is required they are held at enrolment like everyone else.
  const canChange = isOwner && ownerHasTwoFactor;
  const why = !isOwner ? "Only owners can change this." : !ownerHasTwoFactor ? "Turn on two-factor sign-in for your own account first." : null;

  return (
    <Card
      title="Require two-factor sign-in"
      description={`Every member of ${tenantName} must sign in with a code from an authenticator app as well as the password.`}
      actions={view.required ? <Badge tone="green">Required</Badge> : <Badge tone="grey">Not required</Badge>}
    >
      <div className="space-y-3" data-testid="two-factor-requirement-card">
        <p className="text-sm text-zinc-700" data-testid="two-factor-members">
          {view.members - view.members_without_two_factor} of {view.members} member{view.members === 1 ? "" : "s"} sign in with two-factor.
          {view.required && view.members_without_two_factor > 0 ? " The others are sent to set it up before they can do anything else." : null}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <Button
            type="button"
            variant={view.required ? "secondary" : "primary"}
            disabled={!canChange}
            pending={save.isPending && !confirming}
            onClick={() => {
              setError(null);
              if (view.required) save.mutate(false);
              else setConfirming(true);
            }}
          >
            {view.required ? "Stop requiring two-factor" : "Require two-factor sign-in"}
          </Button>
          {why ? (
            <p className="text-sm text-zinc-500" data-testid="two-factor-requirement-why">
              {why}{" "}
              {isOwner ? (
                <Link href="/settings/profile" className="font-medium text-indigo-600 hover:underline">
                  Open your profile
                </Link>
              ) : null}
            </p>
          ) : null}
        </div>
        {error && !confirming ? (
          <p className="text-sm text-red-600" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Require two-factor sign-in?"
          description={`${view.members_without_two_factor} member${view.members_without_two_factor === 1 ? "" : "s"} of ${tenantName} without two-factor will be sent to set it up before anything else, on their next page or API call.`}
          confirmLabel="Require two-factor"
          pending={save.isPending}
          error={error}
          onConfirm={() => save.mutate(true)}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </Card>
  );
}

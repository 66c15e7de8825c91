"use client";

import { Button } from "@/components/ui/button";
import { useStartOnboarding } from "./use-start-onboarding";

/** The requirements banner's "Continue onboarding": the Stripe page's flow, from any page. */
export function ContinueOnboardingButton() {
  const onboarding = useStartOnboarding();
  return (
    <div className="flex flex-col items-start gap-1">
      <Button size="sm" onClick={() => onboarding.mutate()} pending={onboarding.isPending}>
        Continue onboarding
      </Button>
      {onboarding.error ? (
        <p className="text-xs text-red-700" role="alert">
          {onboarding.error.message}
        </p>
      ) : null}
    </div>
  );
}

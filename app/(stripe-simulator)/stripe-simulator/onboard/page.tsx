import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OutcomeChoices, SimulatorCard } from "../../_components/simulator-card";
import { describeAccountLink } from "@/lib/stripe/simulator/onboarding";
import { simulatorEnabled } from "@/lib/stripe/simulator/portal";

// Depends on the configuration at request time, never on the build machine's.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Stripe onboarding (simulator)" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SimulatedOnboardingPage({ searchParams }: { searchParams: SearchParams }) {
  if (!simulatorEnabled()) notFound();
  const link = String((await searchParams).link ?? "");
  const described = await describeAccountLink(link);
  if (!described) notFound();
  return (
    <SimulatorCard title="Set up payments for your business">
      <p>
        This page stands in for Stripe&apos;s hosted onboarding of account <code className="font-mono">{described.account}</code>. Choose what the
        business owner does:
      </p>
      <form method="post" action="/api/stripe-simulator/finish/" className="space-y-2">
        <input type="hidden" name="flow" value="account_link" />
        <input type="hidden" name="link" value={link} />
        <OutcomeChoices />
      </form>
      {described.expired ? <p className="text-amber-700">This link was already used or has expired: you will be sent for a fresh one.</p> : null}
    </SimulatorCard>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OutcomeChoices, SimulatorCard } from "../../_components/simulator-card";
import { simulatorEnabled } from "@/lib/stripe/simulator/portal";

// Depends on the configuration at request time, never on the build machine's.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Connect with Stripe (simulator)" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SimulatedAuthorizePage({ searchParams }: { searchParams: SearchParams }) {
  if (!simulatorEnabled()) notFound();
  const params = await searchParams;
  const redirectUri = String(params.redirect_uri ?? "");
  const state = String(params.state ?? "");
  if (!redirectUri) notFound();
  return (
    <SimulatorCard title="Connect your Stripe account">
      <p>
        The platform (client <code className="font-mono">{String(params.client_id ?? "")}</code>) asks for <code className="font-mono">{String(params.scope ?? "read_write")}</code>{" "}
        access to a Stripe account. Choose what the account owner does:
      </p>
      <form method="post" action="/api/stripe-simulator/finish/" className="space-y-2">
        <input type="hidden" name="flow" value="oauth" />
        <input type="hidden" name="redirect_uri" value={redirectUri} />
        <input type="hidden" name="state" value={state} />
        <OutcomeChoices deny />
      </form>
    </SimulatorCard>
  );
}

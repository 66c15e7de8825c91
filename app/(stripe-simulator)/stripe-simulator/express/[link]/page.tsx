import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SimulatorCard } from "../../../_components/simulator-card";
import { balanceRows } from "@/components/stripe/balance-rows";
import { stripeMoney } from "@/components/stripe/stripe-money";
import { openLoginLink } from "@/lib/stripe/simulator/login-links";
import { simulatorEnabled } from "@/lib/stripe/simulator/portal";

// Depends on the configuration at request time, and spends the link: never prerendered or cached.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Express dashboard (simulator)" };

const day = (seconds: number) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(seconds * 1000));

export default async function SimulatedExpressDashboardPage({ params }: { params: Promise<{ link: string }> }) {
  if (!simulatorEnabled()) notFound();
  const opened = await openLoginLink((await params).link);
  if (!opened) {
    return (
      <SimulatorCard title="This link has expired">
        <p data-testid="login-link-expired">
          A login link to the Express dashboard works once, for a few minutes, and this one was already used or has expired. Open the dashboard again
          from the portal for a fresh link.
        </p>
      </SimulatorCard>
    );
  }
  return (
    <SimulatorCard title="Simulated Express dashboard">
      <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900" data-testid="express-dashboard-banner">
        This is the Stripe simulator&apos;s stand-in for the Express dashboard, where the owner of a connected account sees its balance and payouts on
        Stripe.
      </p>
      <dl>
        <dt className="text-zinc-500">Account</dt>
        <dd className="mt-1 font-mono break-all text-zinc-900" data-testid="express-account-id">
          {opened.account}
        </dd>
      </dl>
      <section aria-labelledby="express-balance">
        <h2 id="express-balance" className="font-medium text-zinc-900">
          Balance
        </h2>
        {opened.balance ? (
          <table className="mt-2 w-full text-left tabular-nums" data-testid="express-balance">
            <thead className="text-xs text-zinc-500">
              <tr>
                <th scope="col" className="py-1 font-medium">Currency</th>
                <th scope="col" className="py-1 text-right font-medium">Available</th>
                <th scope="col" className="py-1 text-right font-medium">Pending</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {balanceRows(opened.balance).map((row) => (
                <tr key={row.currency}>
                  <th scope="row" className="py-1.5 font-medium">
                    {row.currency.toUpperCase()}
                  </th>
                  <td className="py-1.5 text-right">{stripeMoney(row.available, row.currency)}</td>
                  <td className="py-1.5 text-right">{stripeMoney(row.pending, row.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-2 text-zinc-600">The platform no longer has access to this account.</p>
        )}
      </section>
      <section aria-labelledby="express-payouts">
        <h2 id="express-payouts" className="font-medium text-zinc-900">
          Payouts
        </h2>
        {opened.payouts.length === 0 ? (
          <p className="mt-2 text-zinc-600">No payouts yet. Stripe pays the available balance out to the account&apos;s bank account.</p>
        ) : (
          <ul className="mt-2 divide-y divide-zinc-100" data-testid="express-payouts">
            {opened.payouts.map((payout) => (
              <li key={payout.id} className="flex flex-wrap justify-between gap-x-4 py-1.5 tabular-nums">
                <span>{stripeMoney(payout.amount, payout.currency)}</span>
                <span className="text-zinc-600">
                  {payout.status.replace("_", " ")}, arrives {day(payout.arrival_date)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </SimulatorCard>
  );
}

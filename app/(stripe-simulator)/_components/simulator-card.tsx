import type { ReactNode } from "react";
import { FlaskConical } from "lucide-react";

/** The simulated Stripe pages: one centred card, unmistakably labelled as a simulator. */
export function SimulatorCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-zinc-100 px-4 py-12">
      <div className="w-full max-w-md rounded-lg border border-zinc-200 bg-white p-6 shadow-sm">
        <p className="mb-4 inline-flex items-center gap-1.5 rounded-full bg-amber-100 px-2.5 py-1 text-xs font-semibold tracking-wide text-amber-900 uppercase" data-testid="simulator-label">
          <FlaskConical aria-hidden className="size-3.5" />
          Stripe simulator: no real Stripe account involved
        </p>
        <h1 className="text-xl font-semibold text-zinc-900">{title}</h1>
        <div className="mt-4 space-y-4 text-sm text-zinc-700">{children}</div>
      </div>
    </main>
  );
}

export function OutcomeButton({ outcome, tone, children }: { outcome: string; tone: "primary" | "secondary" | "danger"; children: ReactNode }) {
  const tones = {
    primary: "bg-indigo-600 text-white hover:bg-indigo-500",
    secondary: "border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50",
    danger: "bg-red-600 text-white hover:bg-red-500",
  };
  return (
    <button type="submit" name="outcome" value={outcome} className={`h-10 w-full rounded-md px-4 text-sm font-medium ${tones[tone]}`}>
      {children}
    </button>
  );
}

/** The choices of the simulated onboarding: what the business owner does on Stripe's page. */
export function OutcomeChoices({ deny = false }: { deny?: boolean }) {
  return (
    <>
      <OutcomeButton outcome="complete" tone="primary">
        Complete onboarding
      </OutcomeButton>
      <OutcomeButton outcome="requirements_due" tone="secondary">
        Leave requirements due
      </OutcomeButton>
      {deny ? (
        <OutcomeButton outcome="deny" tone="danger">
          Deny
        </OutcomeButton>
      ) : null}
    </>
  );
}

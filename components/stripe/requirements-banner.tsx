import { AlertTriangle, ExternalLink, OctagonAlert } from "lucide-react";
import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { cn } from "@/lib/utils";
import { ContinueOnboardingButton } from "./continue-onboarding-button";
import type { RequirementsBanner as Banner } from "./requirements-banner-view";

// Stripe's deadlines are moments; the day is shown in UTC so every viewer reads the same date.
const deadlineDay = (seconds: number) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(seconds * 1000));

const listInWords = (names: string[]) => (names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/**
 * At the top of every portal page while Stripe needs something from a
 * connected account, or has paused its charges or payouts: what, by when, and
 * who can see to it. What it says is decided by requirementsBanner().
 */
export function RequirementsBanner({ banner }: { banner: Banner }) {
  const red = banner.tone === "red";
  const Icon = red ? OctagonAlert : AlertTriangle;
  return (
    <div
      role={red ? "alert" : "status"}
      data-testid="requirements-banner"
      data-tone={banner.tone}
      className={cn("mb-6 flex items-start gap-3 rounded-md border px-4 py-3 text-sm", red ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900")}
    >
      <Icon aria-hidden className={cn("mt-0.5 size-5 shrink-0", red ? "text-red-600" : "text-amber-600")} />
      <div className="min-w-0 flex-1 space-y-2">
        <p className="font-medium">{banner.headline}</p>
        {banner.items.length > 0 ? (
          <div>
            <p>Stripe needs:</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="requirements-banner-items">
              {banner.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {banner.deadline ? (
          <p data-testid="requirements-banner-deadline">
            Due by <span className="font-medium">{deadlineDay(banner.deadline)}</span> (<RelativeTime date={new Date(banner.deadline * 1000)} />
            ).
          </p>
        ) : null}
        {banner.action === null ? <p>Nothing needs handing in: Stripe is reviewing what it was sent.</p> : null}
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          {banner.action?.kind === "continue_onboarding" ? <ContinueOnboardingButton /> : null}
          {banner.action?.kind === "stripe_dashboard" ? (
            <a href={banner.action.url} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 font-medium underline">
              Update the details on Stripe
              <ExternalLink aria-hidden className="size-3.5" />
            </a>
          ) : null}
          {banner.action?.kind === "ask_owners" ? (
            <p data-testid="requirements-banner-owners">
              Only owners can give Stripe what it needs{banner.action.names.length > 0 ? <>: ask {listInWords(banner.action.names)}.</> : "."}
            </p>
          ) : null}
          {banner.stripePage ? (
            <Link href="/stripe" className="font-medium underline">
              Stripe details
            </Link>
          ) : null}
        </div>
      </div>
    </div>
  );
}

import { FeePerCurrencyTable } from "@/components/fees/fee-per-currency-table";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { CurrencyCode } from "@/lib/money/currencies";
import type { TenantFeesView } from "./queries";

export function PlatformFeeCard({ fees, defaultCurrency }: { fees: TenantFeesView; defaultCurrency: CurrencyCode }) {
  const lines = Object.entries(fees.descriptions) as [CurrencyCode, string][];
  const headline = fees.descriptions[defaultCurrency] ?? lines[0]?.[1];
  return (
    <Card
      title="Platform fee"
      description="What the platform takes from each payment, as an application fee on the connected account."
      actions={<Badge tone="grey">{fees.source === "tenant" ? "Set for this tenant" : "Platform default"}</Badge>}
    >
      <p className="text-2xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid="fee-headline">
        {headline}
      </p>
      <p className="mt-1 text-sm text-zinc-500">
        The platform&apos;s operators set this fee; ask them to change it. A payment keeps the fee it was created with.
      </p>
      {lines.length > 1 ? (
        <div className="mt-4">
          <FeePerCurrencyTable label="Platform fee per currency" lines={lines} testId="fee-table" />
        </div>
      ) : null}
    </Card>
  );
}

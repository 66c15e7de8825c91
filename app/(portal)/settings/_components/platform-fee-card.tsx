import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { CurrencyCode } from "@/lib/money/currencies";
import { currencyLabel } from "@/lib/money/currency-names";
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
          <Table label="Platform fee per currency" className="min-w-0" data-testid="fee-table">
            <thead>
              <tr>
                <Th>Currency</Th>
                <Th>Fee per payment</Th>
              </tr>
            </thead>
            <tbody>
              {lines.map(([code, description]) => (
                <Tr key={code}>
                  <Td>{currencyLabel(code)}</Td>
                  <Td className="tabular-nums">{description}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      ) : null}
    </Card>
  );
}

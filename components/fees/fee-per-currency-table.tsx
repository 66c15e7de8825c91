import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { CurrencyCode } from "@/lib/money/currencies";
import { currencyLabel } from "@/lib/money/currency-names";

/** A fee schedule in words, one row per currency: the tenant's settings page and the operator console show it alike. */
export function FeePerCurrencyTable({ label, lines, testId }: { label: string; lines: [CurrencyCode, string][]; testId?: string }) {
  return (
    <Table label={label} className="min-w-0" data-testid={testId}>
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
            <Td className="tabular-nums" label="Fee per payment">
              {description}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

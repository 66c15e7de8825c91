import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/**
 * The one look of a choice in a dialog or form: a radio option as a bordered
 * card, its label in bold and a line under it; the checked card is outlined
 * in the accent. A native radio underneath, so arrow keys move between the
 * cards of a group and the label names it.
 */
export function RadioCard({
  name,
  value,
  checked,
  onChange,
  label,
  hint,
  className,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
}) {
  return (
    <label
      className={cn(
        "flex cursor-pointer items-start gap-3 rounded-md border border-zinc-200 px-3 py-2 text-sm has-checked:border-indigo-600 has-checked:bg-indigo-50/50 has-focus-visible:outline-2 has-focus-visible:outline-indigo-600",
        className,
      )}
    >
      <input type="radio" name={name} value={value} checked={checked} onChange={onChange} className="mt-0.5 accent-indigo-600" />
      <span>
        <span className="block font-medium text-zinc-900">{label}</span>
        {hint ? <span className="block text-zinc-600">{hint}</span> : null}
      </span>
    </label>
  );
}

/** A named group of radio cards: the legend says what is chosen; `columns` lays the cards side by side from small screens up. */
export function RadioCardGroup({ legend, legendHidden = false, columns = 1, children }: { legend: string; legendHidden?: boolean; columns?: 1 | 2 | 3; children: ReactNode }) {
  return (
    <fieldset>
      <legend className={legendHidden ? "sr-only" : "mb-1.5 text-sm font-medium text-zinc-800"}>{legend}</legend>
      <div className={cn("grid gap-2", columns === 2 && "sm:grid-cols-2", columns === 3 && "sm:grid-cols-3")}>{children}</div>
    </fieldset>
  );
}

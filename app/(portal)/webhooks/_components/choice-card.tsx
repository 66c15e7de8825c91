import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/** One radio option as a bordered card, its label in bold and a line under it; the checked card is outlined in the accent. */
export function ChoiceCard({
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

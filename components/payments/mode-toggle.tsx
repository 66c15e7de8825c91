"use client";

import { cn } from "@/lib/utils";
import { PAYMENT_MODES, type PaymentMode } from "./payment-filters";

const LABELS: Record<PaymentMode, string> = { live: "Live", test: "Test" };

/** Live / Test as a segmented control (radio buttons underneath: arrow keys move between them). */
export function ModeToggle({ name, value, onChange, label = "Mode" }: { name: string; value: PaymentMode; onChange: (mode: PaymentMode) => void; label?: string }) {
  return (
    <fieldset className="inline-flex items-center gap-2">
      <legend className="sr-only">{label}</legend>
      <div className="inline-flex rounded-md border border-zinc-300 bg-zinc-100 p-0.5" data-testid={`${name}-toggle`}>
        {PAYMENT_MODES.map((mode) => (
          <label
            key={mode}
            className={cn(
              "relative cursor-pointer rounded px-3 py-1 text-sm font-medium text-zinc-600 has-focus-visible:outline-2 has-focus-visible:outline-indigo-600",
              value === mode && (mode === "test" ? "bg-amber-100 text-amber-900 shadow-xs" : "bg-white text-zinc-900 shadow-xs"),
            )}
          >
            {/* Over the whole segment, see-through: the focused control is where the eye sees the focus ring. */}
            <input
              type="radio"
              name={name}
              value={mode}
              checked={value === mode}
              onChange={() => onChange(mode)}
              className="absolute inset-0 size-full cursor-pointer appearance-none rounded opacity-0"
            />
            {LABELS[mode]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
